package pt.aima.platform.security;

import org.springframework.security.access.AccessDeniedException;
import pt.aima.kernel.envelope.Actor;

/** An applicant sees and acts on their own case only; staff roles see every case. */
public final class CaseAccess {

    private CaseAccess() {}

    public static void requireAccess(Actor actor, String applicantIdOfCase) {
        if (Role.APPLICANT.name().equals(actor.role()) && !actor.subject().equals(applicantIdOfCase)) {
            throw new AccessDeniedException("an applicant may only see their own case");
        }
    }
}

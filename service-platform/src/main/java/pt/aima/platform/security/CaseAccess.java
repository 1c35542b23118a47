package pt.aima.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one rule of access, applied by {@link AccessGuard} to every endpoint: a token acts in exactly one of its roles,
 * the least privileged one that is allowed the request on its own. Roles are never combined: an applicant who is also
 * an auditor reads every case as an auditor but uploads only to their own case as an applicant.
 */
public final class CaseAccess {

    /** The order in which a token's roles are tried. */
    public static final List<Role> LEAST_PRIVILEGED_FIRST =
            List.of(Role.APPLICANT, Role.AUDITOR, Role.OPERATIONS, Role.CASEWORKER);

    private CaseAccess() {}

    /** The outcome for one request. */
    public sealed interface Decision {

        /** Allowed, acting in {@code role}: the role recorded as the actor. */
        record Allowed(Role role) implements Decision {}

        /** No role of the token allows the request on its own. */
        record Denied() implements Decision {}

        /** Only an applicant's role could allow it, and the service does not know the case: answered as not found. */
        record UnknownCase() implements Decision {}
    }

    /**
     * @param allowed the roles the endpoint's policy allows
     * @param held the platform roles the token holds
     * @param subject the token's subject (an applicant's account id)
     * @param caseOwner the case's owner, empty if the service does not know the case; {@code null} when the request is
     *     about no case
     */
    public static Decision decide(
            Set<Role> allowed, Collection<Role> held, String subject, Supplier<Optional<CaseOwners.Owner>> caseOwner) {
        boolean unknownCase = false;
        for (Role role : LEAST_PRIVILEGED_FIRST) {
            if (!held.contains(role) || !allowed.contains(role)) {
                continue;
            }
            if (role != Role.APPLICANT || caseOwner == null) {
                return new Decision.Allowed(role);
            }
            Optional<CaseOwners.Owner> owner = caseOwner.get();
            if (owner.isEmpty()) {
                unknownCase = true;
            } else if (subject != null && subject.equals(owner.get().applicantId())) {
                return new Decision.Allowed(role);
            }
        }
        return unknownCase ? new Decision.UnknownCase() : new Decision.Denied();
    }
}

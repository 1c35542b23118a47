package pt.aima.platform.security;

import java.util.Optional;
import java.util.UUID;

/** Who owns a case, as the service knows it: the applicant's account id, empty when the service does not know it. */
@FunctionalInterface
public interface CaseOwners {

    Optional<String> applicantOf(UUID caseId);
}

package pt.aima.platform.security;

import java.util.Optional;
import java.util.UUID;

/** Who owns a case, as the service knows it from its read model; each service with case endpoints provides one. */
@FunctionalInterface
public interface CaseOwners {

    /**
     * @return empty when the service does not know the case at all
     */
    Optional<Owner> ownerOf(UUID caseId);

    /**
     * A case the service knows.
     *
     * @param applicantId the applicant's account id; {@code null} while the service knows the case but not yet whose
     *     it is (an event about it arrived before its registration): then no applicant may see it
     */
    record Owner(String applicantId) {}
}

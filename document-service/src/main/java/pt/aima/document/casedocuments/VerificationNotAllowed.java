package pt.aima.document.casedocuments;

import pt.aima.platform.domain.BusinessRuleViolation;

/** Only the current version of an item is verified, and only once. */
public class VerificationNotAllowed extends BusinessRuleViolation {

    private VerificationNotAllowed(String code, String reason) {
        super(code, reason);
    }

    static VerificationNotAllowed superseded() {
        return new VerificationNotAllowed(
                "DOCUMENT_SUPERSEDED", "A newer version of this document was uploaded; verify that one instead.");
    }

    static VerificationNotAllowed alreadyVerified() {
        return new VerificationNotAllowed("DOCUMENT_ALREADY_VERIFIED", "This document has already been verified.");
    }
}

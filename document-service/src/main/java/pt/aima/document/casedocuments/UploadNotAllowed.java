package pt.aima.document.casedocuments;

import pt.aima.platform.domain.BusinessRuleViolation;

/**
 * An accepted item is settled: a new version would silently undo a caseworker's acceptance (and a completed
 * checklist), so it is refused.
 */
public class UploadNotAllowed extends BusinessRuleViolation {

    UploadNotAllowed() {
        super("DOCUMENT_ALREADY_ACCEPTED", "This document has already been accepted; no new version is needed.");
    }

    private UploadNotAllowed(String rule, String detail) {
        super(rule, detail);
    }

    /** The applicant's personal data was erased: nothing personal is taken for the case any more. */
    static UploadNotAllowed erased() {
        return new UploadNotAllowed(
                "PERSONAL_DATA_ERASED", "The applicant's personal data was erased; the case takes no new documents.");
    }
}

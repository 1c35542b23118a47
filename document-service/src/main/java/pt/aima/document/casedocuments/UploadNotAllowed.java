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
}

package pt.aima.kernel.document;

import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

/**
 * A caseworker rejected a document; the applicant is told the reason and can upload a new version.
 *
 * @param reasonCode stable code, for example {@code OUTDATED_MODEL_4}
 * @param reason the caseworker's words to the applicant
 */
@PublishedEvent(type = "DocumentRejected", version = 1)
public record DocumentRejected(
        CaseId caseId, DocumentId documentId, MemberId memberId, String documentType, String reasonCode, String reason)
        implements DocumentEvent {}

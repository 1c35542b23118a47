package pt.aima.kernel.document;

import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

/** A copy of a document was uploaded; its content stays in document-service, identified by its SHA-256. */
@PublishedEvent(type = "DocumentUploaded", version = 1)
public record DocumentUploaded(
        CaseId caseId,
        DocumentId documentId,
        MemberId memberId,
        String documentType,
        String sha256,
        long sizeBytes,
        String mediaType)
        implements DocumentEvent {}

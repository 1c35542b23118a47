package pt.aima.kernel.document;

import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

/** A caseworker verified a document and accepted it. */
@PublishedEvent(type = "DocumentAccepted", version = 1)
public record DocumentAccepted(CaseId caseId, DocumentId documentId, MemberId memberId, String documentType)
        implements DocumentEvent {}

package pt.aima.kernel.document;

import java.time.LocalDate;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * AIMA did not verify evidence it received by its own response date: the case is running late on AIMA's side.
 * Published at most once per request.
 */
@PublishedEvent(type = "EvidenceResponseOverdue", version = 1)
public record EvidenceResponseOverdue(CaseId caseId, String requestId, LocalDate aimaRespondBy)
        implements DocumentEvent {}

package pt.aima.kernel.document;

import java.time.LocalDate;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/**
 * Every document type an evidence request asked for has been uploaded: the applicant answered, and AIMA's own
 * response clock starts.
 *
 * @param receivedOn the day (Europe/Lisbon) the last requested document arrived
 * @param aimaRespondBy the last day on which AIMA should have verified the evidence (policy)
 */
@PublishedEvent(type = "EvidenceReceived", version = 1)
public record EvidenceReceived(
        CaseId caseId, String requestId, MemberId memberId, LocalDate receivedOn, LocalDate aimaRespondBy)
        implements DocumentEvent {}

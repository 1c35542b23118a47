package pt.aima.kernel.document;

import java.time.LocalDate;
import java.util.List;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/**
 * An evidence request is still unanswered and its deadline is near: time to remind the applicant. Published at most
 * once per request, when the policy's reminder lead time before {@code respondBy} is reached (immediately if the
 * request was made inside that lead time); never after the request was answered or expired.
 */
@PublishedEvent(type = "EvidenceRequestReminderDue", version = 1)
public record EvidenceRequestReminderDue(
        CaseId caseId, String requestId, MemberId memberId, List<String> documentTypes, LocalDate respondBy)
        implements DocumentEvent {

    public EvidenceRequestReminderDue {
        documentTypes = List.copyOf(documentTypes);
    }
}

package pt.aima.kernel.document;

import java.time.LocalDate;
import java.util.List;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/**
 * A caseworker asked the applicant for specific evidence, with a deadline. document-service itself publishes {@link
 * EvidenceRequestReminderDue} when the reminder is due (a policy number of days before the deadline) and {@link
 * EvidenceRequestExpired} once the deadline passed unanswered: consumers need not schedule anything.
 *
 * @param requestId identifies the request within the case (a UUID)
 * @param memberId the family member the evidence is about, or null when it concerns the whole case
 * @param documentTypes the document type codes asked for (as on the checklist, for example {@code MODEL_4})
 * @param reason the caseworker's words to the applicant: what is missing and why
 * @param respondBy the last day (Europe/Lisbon) on which the applicant may answer
 */
@PublishedEvent(type = "EvidenceRequested", version = 1)
public record EvidenceRequested(
        CaseId caseId,
        String requestId,
        MemberId memberId,
        List<String> documentTypes,
        String reason,
        LocalDate respondBy)
        implements DocumentEvent {

    public EvidenceRequested {
        documentTypes = List.copyOf(documentTypes);
    }
}

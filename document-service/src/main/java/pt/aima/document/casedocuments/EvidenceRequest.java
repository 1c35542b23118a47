package pt.aima.document.casedocuments;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReminderFellDue;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceRequestLapsed;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReviewOverdue;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;

/**
 * One evidence request of a case and where it stands: open until every item it asks for has a document uploaded since
 * it was made (then AIMA's response clock runs), or until its deadline passes; reviewed once every answering document
 * is verified. A request about the whole case asks for the item of every member whose checklist has the type and whose
 * document was not yet accepted when it was made.
 *
 * <p>Held by {@link CaseDocuments}, which changes it only from its event-sourcing handlers. Plain fields: the aggregate's
 * snapshot serialises it.
 */
final class EvidenceRequest {

    enum Status {
        /** Awaiting the applicant. */
        OPEN,
        /** Awaiting AIMA's verification. */
        ANSWERED,
        EXPIRED,
        REVIEWED
    }

    private String requestId;
    /** {@code null} when the request concerns the whole case. */
    private MemberId memberId;

    private List<DocumentType> documentTypes;
    private LocalDate respondBy;
    private LocalDate remindOn;
    /** Every item the request waits for. */
    private List<ItemKey> asked;
    /** Each asked item answered so far, to the document uploaded for it since the request (the latest one). */
    private Map<ItemKey, DocumentId> answers = new LinkedHashMap<>();

    private Status status = Status.OPEN;
    private boolean reminded;
    private LocalDate aimaRespondBy;
    private boolean overdue;

    private EvidenceRequest() {}

    EvidenceRequest(
            String requestId,
            MemberId memberId,
            List<DocumentType> documentTypes,
            LocalDate respondBy,
            LocalDate remindOn,
            List<ItemKey> asked) {
        this.requestId = requestId;
        this.memberId = memberId;
        this.documentTypes = List.copyOf(documentTypes);
        this.respondBy = respondBy;
        this.remindOn = remindOn;
        this.asked = List.copyOf(asked);
    }

    String requestId() {
        return requestId;
    }

    MemberId memberId() {
        return memberId;
    }

    /** Whether the upload of {@code item} just recorded was the last document this open request waited for. */
    boolean completedBy(ItemKey item) {
        return status == Status.OPEN && asked.contains(item) && answers.keySet().containsAll(asked);
    }

    /** Whether the request is answered and every document that answered it is verified ({@code verified}). */
    boolean reviewable(Predicate<DocumentId> verified) {
        return status == Status.ANSWERED && answers.values().stream().allMatch(verified);
    }

    /**
     * What falls due on {@code today} and was not recorded yet: the expiry of an open request, else its reminder; for
     * an answered one, AIMA's response date passing. Empty when nothing is due.
     */
    Optional<CaseDocumentsEvent> deadlineDueOn(LocalDate today, CaseId caseId) {
        if (status == Status.OPEN && today.isAfter(respondBy)) {
            return Optional.of(new EvidenceRequestLapsed(caseId, requestId, memberId, documentTypes, respondBy));
        }
        if (status == Status.OPEN && !reminded && !today.isBefore(remindOn)) {
            return Optional.of(new EvidenceReminderFellDue(caseId, requestId, memberId, documentTypes, respondBy));
        }
        if (status == Status.ANSWERED && !overdue && today.isAfter(aimaRespondBy)) {
            return Optional.of(new EvidenceReviewOverdue(caseId, requestId, aimaRespondBy));
        }
        return Optional.empty();
    }

    void uploaded(ItemKey item, DocumentId documentId) {
        if (status == Status.OPEN && asked.contains(item)) {
            answers.put(item, documentId);
        }
    }

    void reminded() {
        reminded = true;
    }

    void lapsed() {
        status = Status.EXPIRED;
    }

    void arrived(LocalDate aimaRespondBy) {
        status = Status.ANSWERED;
        this.aimaRespondBy = aimaRespondBy;
    }

    void reviewed() {
        status = Status.REVIEWED;
    }

    void reviewOverdue() {
        overdue = true;
    }

    /** By state: the test fixture compares the aggregate built by its commands with the one rebuilt from its events. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EvidenceRequest that
                && Objects.equals(requestId, that.requestId)
                && Objects.equals(memberId, that.memberId)
                && Objects.equals(documentTypes, that.documentTypes)
                && Objects.equals(respondBy, that.respondBy)
                && Objects.equals(remindOn, that.remindOn)
                && Objects.equals(asked, that.asked)
                && Objects.equals(answers, that.answers)
                && status == that.status
                && reminded == that.reminded
                && Objects.equals(aimaRespondBy, that.aimaRespondBy)
                && overdue == that.overdue;
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, status);
    }
}

package pt.aima.document.projection.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import pt.aima.document.ReadModelContext;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceArrived;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReminderFellDue;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceRequestLapsed;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceRequestMade;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReviewOverdue;
import pt.aima.document.casedocuments.DocumentType;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/**
 * The evidence-request projection's handlers against the real table: each request's row applies the case's events in
 * order, once. A redelivered or stale event changes nothing, and each request of a case keeps its own guard.
 */
class EvidenceRequestProjectionIT extends ReadModelContext {

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
    private static final LocalDate REQUESTED_ON = LocalDate.of(2026, 11, 2);
    private static final LocalDate RESPOND_BY = REQUESTED_ON.plusDays(20);

    @Autowired
    EvidenceRequestProjection projection;

    @Autowired
    EvidenceRequests requests;

    private final CaseId caseId = CaseId.newId();
    private final MemberId spouse = MemberId.newId();
    private final String requestId = UUID.randomUUID().toString();

    @Test
    void aRedeliveredRequestOrAStaleStepDoesNotUndoALaterOne() {
        EvidenceRequestMade made = made(requestId);
        projection.on(made, 1, AT);
        EvidenceReminderFellDue reminder =
                new EvidenceReminderFellDue(caseId, requestId, spouse, List.of(DocumentType.PASSPORT), RESPOND_BY);
        projection.on(reminder, 2);
        projection.on(
                new EvidenceArrived(caseId, requestId, spouse, REQUESTED_ON.plusDays(3), REQUESTED_ON.plusDays(18)), 3);

        projection.on(made, 1, AT);
        projection.on(reminder, 2);
        projection.on(
                new EvidenceRequestLapsed(caseId, requestId, spouse, List.of(DocumentType.PASSPORT), RESPOND_BY), 2);

        EvidenceRequestView view = only(requests.ofCase(caseId, REQUESTED_ON.plusDays(4)));
        assertThat(view.status()).isEqualTo("ANSWERED");
        assertThat(view.reminded()).isTrue();
        assertThat(view.receivedOn()).isEqualTo(REQUESTED_ON.plusDays(3));
        assertThat(view.aimaRespondBy()).isEqualTo(REQUESTED_ON.plusDays(18));
        assertThat(view.aimaLate()).isFalse();
    }

    @Test
    void eachRequestOfACaseKeepsItsOwnGuard() {
        String later = UUID.randomUUID().toString();
        projection.on(made(requestId), 1, AT);
        projection.on(made(later), 2, AT.plusSeconds(1));
        projection.on(new EvidenceReviewOverdue(caseId, later, REQUESTED_ON), 3);

        // The first request has applied event 1 only: event 4 of the case is new to it.
        projection.on(
                new EvidenceRequestLapsed(caseId, requestId, spouse, List.of(DocumentType.PASSPORT), RESPOND_BY), 4);

        List<EvidenceRequestView> views = requests.ofCase(caseId, REQUESTED_ON);
        assertThat(views).extracting(EvidenceRequestView::requestId).containsExactly(requestId, later);
        assertThat(views).extracting(EvidenceRequestView::status).containsExactly("EXPIRED", "OPEN");
        assertThat(views).extracting(EvidenceRequestView::aimaLate).containsExactly(false, true);
    }

    private EvidenceRequestMade made(String id) {
        return new EvidenceRequestMade(
                caseId,
                id,
                spouse,
                List.of(DocumentType.PASSPORT),
                "Needed for the case.",
                REQUESTED_ON,
                RESPOND_BY,
                RESPOND_BY.minusDays(7));
    }

    private static EvidenceRequestView only(List<EvidenceRequestView> views) {
        assertThat(views).hasSize(1);
        return views.getFirst();
    }
}

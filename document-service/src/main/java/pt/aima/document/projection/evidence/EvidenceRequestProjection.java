package pt.aima.document.projection.evidence;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentDataErased;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceArrived;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReminderFellDue;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceRequestLapsed;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceRequestMade;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReviewOverdue;
import pt.aima.document.casedocuments.CaseDocumentsEvent.EvidenceReviewed;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.privacy.Personal;
import pt.aima.platform.projection.ProjectionTables;
import pt.aima.platform.projection.ReadModelTable;

/**
 * Each case's evidence requests, their deadlines and where they stand, built from this service's own events only. It
 * is also the deadline table the evidence-deadline poller reads, so deadlines survive restarts and a reset rebuilds
 * them. Each row remembers the case's last event applied to it: a redelivered event changes nothing.
 *
 * <p>Not a {@link ReadModelTable}: that skeleton keeps one row per aggregate under a one-column key, and a case has
 * many requests, each row keyed by {@code (case_id, request_id)}. The sequence guard is the same: the case's event
 * sequence number, stored in the row, and every write only if the row has not applied that event yet. Its table is
 * named with {@link ProjectionTables}, so it can be rebuilt blue/green like the others.
 */
@Component
@ProcessingGroup(EvidenceRequestProjection.PROCESSING_GROUP)
@ProjectionTables("evidence_request")
class EvidenceRequestProjection {

    static final String PROCESSING_GROUP = "evidence-requests";

    private final JdbcClient jdbc;

    EvidenceRequestProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EvidenceRequestMade event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.sql(
                        """
                insert into evidence_request (case_id, request_id, member_id, document_types, reason,
                    requested_on, respond_by, remind_on, status, requested_at, last_sequence)
                values (:caseId, :requestId, :memberId, :types, :reason, :requestedOn, :respondBy, :remindOn,
                    'OPEN', :at, :sequence)
                on conflict (case_id, request_id) do nothing
                """)
                .param("caseId", event.caseId().value())
                .param("requestId", event.requestId())
                .param(
                        "memberId",
                        event.memberId() == null ? null : event.memberId().value())
                .param(
                        "types",
                        String.join(
                                ",",
                                event.documentTypes().stream().map(Enum::name).toList()))
                .param("reason", event.reason())
                .param("requestedOn", event.requestedOn())
                .param("respondBy", event.respondBy())
                .param("remindOn", event.remindOn())
                .param("at", ReadModelTable.utc(at))
                .param("sequence", sequence)
                .update();
    }

    @EventHandler
    void on(EvidenceReminderFellDue event, @SequenceNumber long sequence) {
        update(event.caseId(), event.requestId(), "reminded = true", sequence);
    }

    @EventHandler
    void on(EvidenceRequestLapsed event, @SequenceNumber long sequence) {
        update(event.caseId(), event.requestId(), "status = 'EXPIRED'", sequence);
    }

    @EventHandler
    void on(EvidenceArrived event, @SequenceNumber long sequence) {
        jdbc.sql(
                        """
                update evidence_request set status = 'ANSWERED', received_on = :receivedOn,
                       aima_respond_by = :aimaRespondBy, last_sequence = :sequence
                where case_id = :caseId and request_id = :requestId and last_sequence < :sequence
                """)
                .param("receivedOn", event.receivedOn())
                .param("aimaRespondBy", event.aimaRespondBy())
                .param("sequence", sequence)
                .param("caseId", event.caseId().value())
                .param("requestId", event.requestId())
                .update();
    }

    @EventHandler
    void on(EvidenceReviewed event, @SequenceNumber long sequence) {
        update(event.caseId(), event.requestId(), "status = 'REVIEWED'", sequence);
    }

    @EventHandler
    void on(EvidenceReviewOverdue event, @SequenceNumber long sequence) {
        update(event.caseId(), event.requestId(), "aima_overdue = true", sequence);
    }

    /** A request's words are what a caseworker wrote about the applicant's case: erased with the applicant's data. */
    @EventHandler
    void on(DocumentDataErased event, @SequenceNumber long sequence) {
        jdbc.sql("update evidence_request set reason = :erased, last_sequence = :sequence"
                        + " where case_id = :caseId and last_sequence < :sequence")
                .param("erased", Personal.ERASED)
                .param("sequence", sequence)
                .param("caseId", event.caseId().value())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate evidence_request").update();
    }

    private void update(CaseId caseId, String requestId, String assignment, long sequence) {
        jdbc.sql("update evidence_request set " + assignment + ", last_sequence = :sequence"
                        + " where case_id = :caseId and request_id = :requestId and last_sequence < :sequence")
                .param("sequence", sequence)
                .param("caseId", caseId.value())
                .param("requestId", requestId)
                .update();
    }
}

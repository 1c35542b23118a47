package pt.aima.document.projection.checklist;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistCompleted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionAccepted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionRejected;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionUploaded;
import pt.aima.document.casedocuments.RequiredItem;

/**
 * Each case's checklist as applicants and caseworkers see it, built from this service's own events only. Every update
 * first advances the case's last applied sequence number and changes items only if that succeeded: a redelivered
 * event changes nothing.
 */
@Component
@ProcessingGroup(ChecklistProjection.PROCESSING_GROUP)
class ChecklistProjection {

    static final String PROCESSING_GROUP = "checklist";

    private final JdbcClient jdbc;

    ChecklistProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ChecklistOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        int inserted = jdbc.sql(
                        """
                insert into checklist_case (case_id, applicant_id, submitted_on, opened_at, updated_at, last_sequence)
                values (:caseId, :applicantId, :submittedOn, :at, :at, :sequence)
                on conflict (case_id) do nothing
                """)
                .param("caseId", event.caseId().value())
                .param("applicantId", event.applicantId())
                .param("submittedOn", event.submittedOn())
                .param("at", utc(at))
                .param("sequence", sequence)
                .update();
        if (inserted == 0) {
            return;
        }
        List<RequiredItem> items = event.items();
        for (int position = 0; position < items.size(); position++) {
            RequiredItem item = items.get(position);
            jdbc.sql(
                            """
                    insert into checklist_item (case_id, member_id, document_type, position, reason, status)
                    values (:caseId, :memberId, :type, :position, :reason, 'MISSING')
                    """)
                    .param("caseId", event.caseId().value())
                    .param("memberId", item.memberId().value())
                    .param("type", item.documentType().name())
                    .param("position", position)
                    .param("reason", item.reason())
                    .update();
        }
    }

    @EventHandler
    void on(DocumentVersionUploaded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId().value(), sequence, at)) {
            jdbc.sql(
                            """
                    update checklist_item set status = 'UPLOADED', document_id = :documentId,
                           rejection_code = null, rejection_reason = null
                    where case_id = :caseId and member_id = :memberId and document_type = :type
                    """)
                    .param("documentId", event.documentId().value())
                    .param("caseId", event.caseId().value())
                    .param("memberId", event.memberId().value())
                    .param("type", event.documentType().name())
                    .update();
        }
    }

    @EventHandler
    void on(DocumentVersionAccepted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId().value(), sequence, at)) {
            jdbc.sql(
                            """
                    update checklist_item set status = 'ACCEPTED'
                    where case_id = :caseId and document_id = :documentId
                    """)
                    .param("caseId", event.caseId().value())
                    .param("documentId", event.documentId().value())
                    .update();
        }
    }

    @EventHandler
    void on(DocumentVersionRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId().value(), sequence, at)) {
            jdbc.sql(
                            """
                    update checklist_item set status = 'REJECTED', rejection_code = :code, rejection_reason = :reason
                    where case_id = :caseId and document_id = :documentId
                    """)
                    .param("code", event.reasonCode())
                    .param("reason", event.reason())
                    .param("caseId", event.caseId().value())
                    .param("documentId", event.documentId().value())
                    .update();
        }
    }

    @EventHandler
    void on(ChecklistCompleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId().value(), sequence, at)) {
            jdbc.sql("update checklist_case set complete = true where case_id = :caseId")
                    .param("caseId", event.caseId().value())
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate checklist_item, checklist_case").update();
    }

    /** Records that the case's event {@code sequence} is applied; false if it already was. */
    private boolean advance(UUID caseId, long sequence, Instant at) {
        return jdbc.sql(
                                """
                        update checklist_case set last_sequence = :sequence, updated_at = :at
                        where case_id = :caseId and last_sequence < :sequence
                        """)
                        .param("sequence", sequence)
                        .param("at", utc(at))
                        .param("caseId", caseId)
                        .update()
                == 1;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}

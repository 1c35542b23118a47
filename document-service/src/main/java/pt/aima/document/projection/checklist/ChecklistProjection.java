package pt.aima.document.projection.checklist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistCompleted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.ChecklistOpened;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentDataErased;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionAccepted;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionRejected;
import pt.aima.document.casedocuments.CaseDocumentsEvent.DocumentVersionUploaded;
import pt.aima.document.casedocuments.RequiredItem;
import pt.aima.platform.privacy.Personal;
import pt.aima.platform.projection.Columns;
import pt.aima.platform.projection.ReadModelTable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each case's checklist as applicants and caseworkers see it, built from this service's own events only. The case's
 * row ({@code checklist_case}) is a {@link ReadModelTable}: every event first advances the case's last applied
 * sequence number, and its items ({@code checklist_item}, child rows) change only if that succeeded, so a redelivered
 * event changes nothing.
 *
 * <p>Each item keeps its reason as its code and facts, worded in the reader's language when it is read ({@link
 * ChecklistQueries}), beside the rules' English sentence; the case keeps the applicant's language.
 */
@Component
@ProcessingGroup(ChecklistProjection.PROCESSING_GROUP)
class ChecklistProjection {

    static final String PROCESSING_GROUP = "checklist";

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The tables this projection writes for a case (a replay as of an instant copies them). */
    static final List<String> TABLES = List.of("checklist_case", "checklist_item");

    private final JdbcClient jdbc;
    private final ReadModelTable cases;

    ChecklistProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.cases = ReadModelTable.of(jdbc, "checklist_case").withDependents("checklist_item");
    }

    @EventHandler
    void on(ChecklistOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        boolean opened = cases.insertIfAbsent(
                event.caseId().value(),
                sequence,
                at,
                Columns.set("applicant_id", event.applicantId())
                        .and("submitted_on", event.submittedOn())
                        .and("preferred_language", event.preferredLanguage())
                        .and("opened_at", ReadModelTable.utc(at)));
        if (!opened) {
            return;
        }
        List<RequiredItem> items = event.items();
        if (items.isEmpty()) {
            return;
        }
        // every item in one statement (a case has about thirteen), from a JSON array of rows
        List<Map<String, Object>> rows = new ArrayList<>(items.size());
        for (int position = 0; position < items.size(); position++) {
            RequiredItem item = items.get(position);
            Map<String, Object> row = new HashMap<>();
            row.put("member_id", item.memberId().value().toString());
            row.put("document_type", item.documentType().name());
            row.put("position", position);
            row.put("reason", item.reason());
            row.put("reason_code", item.reasonCode());
            row.put("reason_values", item.reasonValues());
            rows.add(row);
        }
        jdbc.sql(
                        """
                insert into checklist_item (case_id, member_id, document_type, position, reason, reason_code,
                                            reason_values, status)
                select :caseId, member_id, document_type, position, reason, reason_code,
                       reason_values, 'MISSING'
                from jsonb_to_recordset(cast(:items as jsonb)) as item(member_id uuid, document_type varchar,
                    position int, reason text, reason_code varchar, reason_values jsonb)
                """)
                .param("caseId", event.caseId().value())
                .param("items", JSON.writeValueAsString(rows))
                .update();
    }

    /**
     * The reasons name the countries the members lived in, and a rejection's note is what a caseworker wrote about the
     * applicant's document: both erased with the applicant's data (the codes stay).
     */
    @EventHandler
    void on(DocumentDataErased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (cases.advance(event.caseId().value(), sequence, at)) {
            jdbc.sql(
                            """
                    update checklist_item
                       set reason = :erased, reason_values = '{}'::jsonb,
                           rejection_reason = case when rejection_reason is null then null else :erased end
                     where case_id = :caseId
                    """)
                    .param("erased", Personal.ERASED)
                    .param("caseId", event.caseId().value())
                    .update();
        }
    }

    @EventHandler
    void on(DocumentVersionUploaded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (cases.advance(event.caseId().value(), sequence, at)) {
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
        if (cases.advance(event.caseId().value(), sequence, at)) {
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
        if (cases.advance(event.caseId().value(), sequence, at)) {
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
        cases.update(event.caseId().value(), sequence, at, Columns.set("complete", true));
    }

    /** Empties the cases and their items, for a rebuild from the event store. */
    @ResetHandler
    void reset() {
        cases.reset();
    }
}

package pt.aima.operations.projection.queues;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.operations.archive.CaseHistory;
import pt.aima.operations.casefile.CaseFile;
import pt.aima.operations.casefile.CaseFile.CourtOrder;
import pt.aima.operations.casefile.CaseFile.EvidenceRequest;
import pt.aima.operations.casefile.CaseFile.FailedDelivery;
import pt.aima.operations.casefile.CaseFile.Member;
import pt.aima.operations.casefile.CaseFile.MissedAppointment;
import pt.aima.operations.casefile.CaseFile.WaitingDocument;
import pt.aima.operations.projection.CaseProjection;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open items behind the work queues, per case: replaced as a whole each time an event of the case arrives. A
 * decided case leaves every queue but failed deliveries (its decision must still reach the applicant). Whether an item
 * is overdue or expiring is decided when a queue is read, against that day: nothing here depends on the clock.
 */
@Component
class WorkQueuesProjection implements CaseProjection {

    private static final List<String> TABLES = List.of(
            "ops_document_waiting",
            "ops_evidence_request",
            "ops_missed_appointment",
            "ops_court_order",
            "ops_failed_delivery",
            "ops_member_stay");

    /**
     * The case's rows out of every table above in one statement (a data-modifying CTE per table): this runs for every
     * event the service receives, and six statements cost six round trips and six executions.
     */
    static final String DELETE_CASE = deleteFromEach(TABLES);

    /** Every member's stay is written in one statement, from a JSON array of rows. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    WorkQueuesProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    /**
     * What the case's rows in the queues are made of: nothing before its registration; its failed deliveries; and while
     * it is undecided its waiting documents, open evidence requests, missed appointment, court orders and members.
     */
    private record Items(
            List<FailedDelivery> failedDeliveries,
            List<WaitingDocument> waitingDocuments,
            List<EvidenceRequest> evidenceRequests,
            MissedAppointment missedAppointment,
            List<CourtOrder> courtOrders,
            List<Member> members) {

        static final Items NONE = new Items(List.of(), List.of(), List.of(), null, List.of(), List.of());

        static Items of(CaseFile file) {
            if (!file.registered()) {
                return NONE;
            }
            List<FailedDelivery> failed = List.copyOf(file.failedDeliveries());
            if (file.decided()) {
                return new Items(failed, List.of(), List.of(), null, List.of(), List.of());
            }
            return new Items(
                    failed,
                    List.copyOf(file.waitingDocuments()),
                    file.evidenceRequests().stream()
                            .filter(request -> request.awaitingApplicant() || request.awaitingAima())
                            .toList(),
                    file.missedAppointment(),
                    List.copyOf(file.courtOrders()),
                    List.copyOf(file.registration().members()));
        }
    }

    @Override
    public boolean sameRows(CaseHistory before, CaseFile beforeFile, CaseHistory after, CaseFile afterFile) {
        return Items.of(beforeFile).equals(Items.of(afterFile));
    }

    @Override
    public void project(CaseHistory history, CaseFile file) {
        if (!file.registered()) {
            return;
        }
        Items items = Items.of(file);
        jdbc.sql(DELETE_CASE).param("caseId", file.caseId()).update();
        for (FailedDelivery failed : items.failedDeliveries()) {
            jdbc.sql(
                            """
                            insert into ops_failed_delivery (notification_id, case_id, kind, channel, reason_code,
                                reason, failed_at)
                            values (:notificationId, :caseId, :kind, :channel, :reasonCode, :reason, :failedAt)
                            """)
                    .param("notificationId", failed.notificationId())
                    .param("caseId", file.caseId())
                    .param("kind", failed.kind())
                    .param("channel", failed.channel())
                    .param("reasonCode", failed.reasonCode())
                    .param("reason", failed.reason())
                    .param("failedAt", timestamp(failed.failedAt()))
                    .update();
        }
        for (WaitingDocument document : items.waitingDocuments()) {
            jdbc.sql(
                            """
                            insert into ops_document_waiting (document_id, case_id, member_id, document_type,
                                uploaded_at)
                            values (:documentId, :caseId, :memberId, :documentType, :uploadedAt)
                            """)
                    .param("documentId", document.documentId())
                    .param("caseId", file.caseId())
                    .param("memberId", document.memberId())
                    .param("documentType", document.documentType())
                    .param("uploadedAt", timestamp(document.uploadedAt()))
                    .update();
        }
        for (EvidenceRequest request : items.evidenceRequests()) {
            jdbc.sql(
                            """
                            insert into ops_evidence_request (case_id, request_id, member_id, document_types,
                                requested_at, respond_by, expired, received_on, aima_respond_by,
                                aima_overdue_reported, aima_responded)
                            values (:caseId, :requestId, :memberId, :documentTypes, :requestedAt, :respondBy,
                                :expired, :receivedOn, :aimaRespondBy, :aimaOverdueReported, :aimaResponded)
                            """)
                    .param("caseId", file.caseId())
                    .param("requestId", request.requestId())
                    .param("memberId", request.memberId())
                    .param("documentTypes", String.join(",", request.documentTypes()))
                    .param("requestedAt", timestamp(request.requestedAt()))
                    .param("respondBy", request.respondBy())
                    .param("expired", request.expired())
                    .param("receivedOn", request.receivedOn())
                    .param("aimaRespondBy", request.aimaRespondBy())
                    .param("aimaOverdueReported", request.aimaOverdueReported())
                    .param("aimaResponded", request.aimaResponded())
                    .update();
        }
        MissedAppointment missed = items.missedAppointment();
        if (missed != null) {
            jdbc.sql(
                            """
                            insert into ops_missed_appointment (case_id, desk_id, starts_at, next, missed_at)
                            values (:caseId, :deskId, :startsAt, :next, :missedAt)
                            """)
                    .param("caseId", file.caseId())
                    .param("deskId", missed.deskId())
                    .param("startsAt", missed.startsAt())
                    .param("next", missed.next())
                    .param("missedAt", timestamp(missed.missedAt()))
                    .update();
        }
        for (CourtOrder order : items.courtOrders()) {
            jdbc.sql(
                            """
                            insert into ops_court_order (case_id, reference, deadline, registered_at, at_risk,
                                risk_reason_code, earliest_possible_on)
                            values (:caseId, :reference, :deadline, :registeredAt, :atRisk, :riskReasonCode,
                                :earliestPossibleOn)
                            """)
                    .param("caseId", file.caseId())
                    .param("reference", order.reference())
                    .param("deadline", order.deadline())
                    .param("registeredAt", timestamp(order.registeredAt()))
                    .param("atRisk", order.atRisk())
                    .param("riskReasonCode", order.riskReasonCode())
                    .param("earliestPossibleOn", order.earliestPossibleOn())
                    .update();
        }
        List<Map<String, String>> stays = new ArrayList<>();
        for (Member member : items.members()) {
            Map<String, String> stay = new HashMap<>();
            stay.put("member_id", member.memberId().toString());
            stay.put("relationship", member.relationship());
            stay.put(
                    "stay_ends_on",
                    member.stayEndsOn() == null ? null : member.stayEndsOn().toString());
            stays.add(stay);
        }
        if (!stays.isEmpty()) {
            jdbc.sql(
                            """
                            insert into ops_member_stay (case_id, member_id, relationship, stay_ends_on)
                            select :caseId, member_id, relationship, stay_ends_on
                            from jsonb_to_recordset(cast(:stays as jsonb))
                                as stay(member_id uuid, relationship varchar, stay_ends_on date)
                            """)
                    .param("caseId", file.caseId())
                    .param("stays", JSON.writeValueAsString(stays))
                    .update();
        }
    }

    /** {@code with deleted_0 as (delete from a where ...), ... delete from z where ...}: every table in one statement. */
    static String deleteFromEach(List<String> tables) {
        List<String> deletes = tables.stream()
                .map(table -> "delete from " + table + " where case_id = :caseId")
                .toList();
        if (deletes.size() == 1) {
            return deletes.getFirst();
        }
        List<String> ctes = new ArrayList<>();
        for (int i = 0; i < deletes.size() - 1; i++) {
            ctes.add("deleted_" + i + " as (" + deletes.get(i) + ")");
        }
        return "with " + String.join(", ", ctes) + " " + deletes.getLast();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

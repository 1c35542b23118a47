package pt.aima.operations.projection.queues;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.operations.projection.KeptReads;
import pt.aima.operations.projection.cases.CaseChanges;

/**
 * Reads the work queues, most urgent first, as of a given day (and instant, for how long an item has waited): what
 * is overdue or expiring is decided here, never stored.
 */
@Component
public class WorkQueueQueries {

    /** How many queue pages are kept (at most 200 items each). */
    private static final int PAGES_KEPT = 100;

    /** How many sets of lengths are kept: one per day and stay window asked for. */
    private static final int LENGTHS_KEPT = 10;

    /** A page of one queue and how many items the queue holds in all. */
    public record QueuePage(List<? extends QueueItem> items, long total) {}

    /**
     * @param today the day deadlines are compared with
     * @param now the instant waiting times are measured to
     * @param withinDays for {@link WorkQueue#STAY_EXPIRING}: how far ahead an end of stay counts
     */
    public record AsOf(LocalDate today, Instant now, int withinDays) {}

    private final JdbcClient jdbc;

    /**
     * The queues' lengths and pages as last read, kept with the {@link CaseChanges#version()} and the time they were
     * read at: the dashboard and every caseworker's list ask for them all the time, and the counts over the queues'
     * tables take tens of milliseconds at national scale. Read again when a case changed, on another day or window, or
     * once {@code search.max-age} old (another instance sharing the database changes cases this one's version does not
     * see). A kept page of {@link WorkQueue#DOCUMENTS_AWAITING_VERIFICATION} has each document's waiting time measured
     * again, up to the moment of the request.
     */
    private final KeptReads<AsOfDay, Map<WorkQueue, Long>> lengths;

    private final KeptReads<PageKey, QueuePage> pages;

    /** What a kept read depends on besides the version: the day and the stay window, not the instant. */
    private record AsOfDay(LocalDate today, int withinDays) {}

    private record PageKey(WorkQueue queue, AsOfDay asOf, int page, int size) {}

    WorkQueueQueries(
            JdbcClient jdbc,
            CaseChanges changes,
            @Value("${aima.operations-service.search.max-age:5s}") Duration maxAge) {
        this.jdbc = jdbc;
        this.lengths = new KeptReads<>(changes::version, LENGTHS_KEPT, maxAge);
        this.pages = new KeptReads<>(changes::version, PAGES_KEPT, maxAge);
    }

    public QueuePage page(WorkQueue queue, AsOf asOf, int page, int size) {
        QueuePage kept = pages.get(
                new PageKey(queue, new AsOfDay(asOf.today(), asOf.withinDays()), page, size),
                () -> read(queue, asOf, page, size));
        if (queue != WorkQueue.DOCUMENTS_AWAITING_VERIFICATION) {
            return kept;
        }
        // how long each document has waited runs to the moment of this request, not of the kept read
        return new QueuePage(
                kept.items().stream()
                        .map(item -> ((QueueItem.DocumentAwaitingVerification) item).waitedUntil(asOf.now()))
                        .toList(),
                kept.total());
    }

    private QueuePage read(WorkQueue queue, AsOf asOf, int page, int size) {
        Query query = query(queue, asOf);
        long total = count(query);
        List<? extends QueueItem> items = List.copyOf(query.params(jdbc.sql("select " + query.select() + " from "
                        + query.table() + " " + query.join() + " " + query.where() + " order by " + query.order()
                        + " limit :limit offset :offset"))
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(query.mapper())
                .list());
        return new QueuePage(items, total);
    }

    /** How many items each queue holds as of {@code asOf}'s day and window. */
    public Map<WorkQueue, Long> lengths(AsOf asOf) {
        return lengths.get(
                new AsOfDay(asOf.today(), asOf.withinDays()), () -> Collections.unmodifiableMap(count(asOf)));
    }

    private Map<WorkQueue, Long> count(AsOf asOf) {
        // one statement for every queue (a count each): one round trip, not one per queue
        WorkQueue[] queues = WorkQueue.values();
        StringBuilder select = new StringBuilder("select ");
        for (int i = 0; i < queues.length; i++) {
            Query query = query(queues[i], asOf);
            select.append(i == 0 ? "" : ", ")
                    .append("(select count(*) from ")
                    .append(query.table())
                    .append(' ')
                    .append(query.where())
                    .append(')');
        }
        Map<WorkQueue, Long> lengths = new EnumMap<>(WorkQueue.class);
        query(queues[0], asOf)
                .params(jdbc.sql(select.toString()))
                .query((row, number) -> {
                    for (int i = 0; i < queues.length; i++) {
                        lengths.put(queues[i], row.getLong(i + 1));
                    }
                    return lengths;
                })
                .single();
        return lengths;
    }

    /** Counts without the join: every queue row belongs to a case that has its row in ops_case. */
    private long count(Query query) {
        return query.params(jdbc.sql("select count(*) from " + query.table() + " " + query.where()))
                .query(Long.class)
                .single();
    }

    /**
     * @param table the queue's table and its alias
     * @param join the case's row, for the context every item shows
     * @param where which of the table's rows are in the queue (on the table's own columns)
     */
    private record Query(
            String select,
            String table,
            String join,
            String where,
            String order,
            AsOf asOf,
            RowMapper<? extends QueueItem> mapper) {

        /** Binds the day and the end of the stay window (a query that names neither ignores them). */
        JdbcClient.StatementSpec params(JdbcClient.StatementSpec statement) {
            return statement
                    .param("today", asOf.today())
                    .param("until", asOf.today().plusDays(asOf.withinDays()));
        }
    }

    private static Query query(WorkQueue queue, AsOf asOf) {
        LocalDate today = asOf.today();
        return switch (queue) {
            case DOCUMENTS_AWAITING_VERIFICATION ->
                new Query(
                        "d.*, c.region, c.submitted_on, c.legacy_number",
                        "ops_document_waiting d",
                        "join ops_case c on c.case_id = d.case_id",
                        "",
                        "d.uploaded_at, d.document_id",
                        asOf,
                        (rs, row) -> new QueueItem.DocumentAwaitingVerification(
                                        caseId(rs),
                                        rs.getString("region"),
                                        rs.getObject("submitted_on", LocalDate.class),
                                        rs.getString("legacy_number"),
                                        rs.getObject("document_id", UUID.class),
                                        rs.getObject("member_id", UUID.class),
                                        rs.getString("document_type"),
                                        instant(rs, "uploaded_at"),
                                        0,
                                        0)
                                .waitedUntil(asOf.now()));
            case EVIDENCE_OVERDUE ->
                new Query(
                        "e.*, c.region, c.submitted_on, c.legacy_number",
                        "ops_evidence_request e",
                        "join ops_case c on c.case_id = e.case_id",
                        "where e.received_on is null and e.respond_by < :today",
                        "e.respond_by, e.case_id, e.request_id",
                        asOf,
                        (rs, row) -> new QueueItem.EvidenceOverdue(
                                caseId(rs),
                                rs.getString("region"),
                                rs.getObject("submitted_on", LocalDate.class),
                                rs.getString("legacy_number"),
                                rs.getString("request_id"),
                                rs.getObject("member_id", UUID.class),
                                types(rs),
                                instant(rs, "requested_at"),
                                rs.getObject("respond_by", LocalDate.class),
                                ChronoUnit.DAYS.between(rs.getObject("respond_by", LocalDate.class), today),
                                rs.getBoolean("expired")));
            case AIMA_RESPONSE_OVERDUE ->
                new Query(
                        "e.*, c.region, c.submitted_on, c.legacy_number",
                        "ops_evidence_request e",
                        "join ops_case c on c.case_id = e.case_id",
                        "where e.received_on is not null and not e.aima_responded"
                                + " and (e.aima_respond_by < :today or e.aima_overdue_reported)",
                        "e.aima_respond_by, e.case_id, e.request_id",
                        asOf,
                        (rs, row) -> {
                            LocalDate respondBy = rs.getObject("aima_respond_by", LocalDate.class);
                            return new QueueItem.AimaResponseOverdue(
                                    caseId(rs),
                                    rs.getString("region"),
                                    rs.getObject("submitted_on", LocalDate.class),
                                    rs.getString("legacy_number"),
                                    rs.getString("request_id"),
                                    rs.getObject("member_id", UUID.class),
                                    types(rs),
                                    rs.getObject("received_on", LocalDate.class),
                                    respondBy,
                                    respondBy == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(respondBy, today)),
                                    rs.getBoolean("aima_overdue_reported"));
                        });
            case READY_FOR_DECISION ->
                new Query(
                        "c.*",
                        "ops_case c",
                        "",
                        "where c.decision is null and c.checklist_completed_at is not null"
                                + " and c.biometrics_collected_at is not null",
                        "c.submitted_on, c.case_id",
                        asOf,
                        (rs, row) -> {
                            Instant checklist = instant(rs, "checklist_completed_at");
                            Instant biometrics = instant(rs, "biometrics_collected_at");
                            return new QueueItem.ReadyForDecision(
                                    caseId(rs),
                                    rs.getString("region"),
                                    rs.getObject("submitted_on", LocalDate.class),
                                    rs.getString("legacy_number"),
                                    rs.getString("origin"),
                                    rs.getInt("household_size"),
                                    checklist,
                                    biometrics,
                                    checklist.isAfter(biometrics) ? checklist : biometrics);
                        });
            case MISSED_APPOINTMENTS ->
                new Query(
                        "m.*, c.region, c.submitted_on, c.legacy_number",
                        "ops_missed_appointment m",
                        "join ops_case c on c.case_id = m.case_id",
                        "",
                        "m.starts_at, m.case_id",
                        asOf,
                        (rs, row) -> new QueueItem.MissedAppointment(
                                caseId(rs),
                                rs.getString("region"),
                                rs.getObject("submitted_on", LocalDate.class),
                                rs.getString("legacy_number"),
                                rs.getString("desk_id"),
                                rs.getObject("starts_at", LocalDateTime.class),
                                rs.getString("next")));
            case COURT_ORDERS ->
                new Query(
                        "o.*, c.region, c.submitted_on, c.legacy_number, c.stage, c.appointment_starts_at",
                        "ops_court_order o",
                        "join ops_case c on c.case_id = o.case_id",
                        "",
                        "o.at_risk desc, o.deadline, o.case_id, o.reference",
                        asOf,
                        (rs, row) -> new QueueItem.CourtOrder(
                                caseId(rs),
                                rs.getString("region"),
                                rs.getObject("submitted_on", LocalDate.class),
                                rs.getString("legacy_number"),
                                rs.getString("stage"),
                                rs.getString("reference"),
                                rs.getObject("deadline", LocalDate.class),
                                ChronoUnit.DAYS.between(today, rs.getObject("deadline", LocalDate.class)),
                                rs.getBoolean("at_risk"),
                                rs.getString("risk_reason_code"),
                                rs.getObject("earliest_possible_on", LocalDate.class),
                                rs.getObject("appointment_starts_at", LocalDateTime.class)));
            case FAILED_DELIVERIES ->
                new Query(
                        "f.*, c.region, c.legacy_number, c.stage",
                        "ops_failed_delivery f",
                        "join ops_case c on c.case_id = f.case_id",
                        "",
                        "f.failed_at, f.notification_id",
                        asOf,
                        (rs, row) -> new QueueItem.FailedDelivery(
                                caseId(rs),
                                rs.getString("region"),
                                rs.getString("legacy_number"),
                                rs.getString("stage"),
                                rs.getObject("notification_id", UUID.class),
                                rs.getString("kind"),
                                rs.getString("channel"),
                                rs.getString("reason_code"),
                                rs.getString("reason"),
                                instant(rs, "failed_at")));
            case STAY_EXPIRING ->
                new Query(
                        "s.*, c.region, c.submitted_on, c.legacy_number, c.stage",
                        "ops_member_stay s",
                        "join ops_case c on c.case_id = s.case_id",
                        "where s.stay_ends_on is not null and s.stay_ends_on <= :until",
                        "s.stay_ends_on, s.case_id, s.member_id",
                        asOf,
                        (rs, row) -> new QueueItem.StayExpiring(
                                caseId(rs),
                                rs.getString("region"),
                                rs.getObject("submitted_on", LocalDate.class),
                                rs.getString("legacy_number"),
                                rs.getString("stage"),
                                rs.getObject("member_id", UUID.class),
                                rs.getString("relationship"),
                                rs.getObject("stay_ends_on", LocalDate.class),
                                ChronoUnit.DAYS.between(today, rs.getObject("stay_ends_on", LocalDate.class))));
        };
    }

    private static UUID caseId(ResultSet rs) throws SQLException {
        return rs.getObject("case_id", UUID.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> types(ResultSet rs) throws SQLException {
        String types = rs.getString("document_types");
        return types == null || types.isEmpty() ? List.of() : Arrays.asList(types.split(","));
    }
}

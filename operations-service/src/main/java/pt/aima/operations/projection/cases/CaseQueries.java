package pt.aima.operations.projection.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads {@code ops_case}: the backlog's counts, one case, and case search. */
@Component
public class CaseQueries {

    /** Ages by whole calendar months between the submission and the day the age is counted to. */
    private static final String AGE_BUCKET =
            """
            case
              when submitted_on > age_until - interval '3 months' then 'UNDER_3_MONTHS'
              when submitted_on > age_until - interval '6 months' then 'MONTHS_3_TO_6'
              when submitted_on > age_until - interval '12 months' then 'MONTHS_6_TO_12'
              when submitted_on > age_until - interval '24 months' then 'YEARS_1_TO_2'
              else 'OVER_2_YEARS'
            end""";

    /** How many searches' totals are kept (a search by SEF number or applicant is one each). */
    private static final int TOTALS_KEPT = 1_000;

    /** How many cases the kept pages of searches may hold in all (a few megabytes). */
    private static final int PAGE_ROWS_KEPT = 10_000;

    private final JdbcClient jdbc;
    private final CaseChanges changes;

    /**
     * Each search's number of matching cases, with the {@link CaseChanges#version()} it was counted at and when:
     * counting the cases of a region or a stage reads tens of thousands of index entries at national scale, every page
     * asks for it, and it changes only when a case does. The version counts this instance's changes, so a total is
     * also counted again once it is {@code search.max-age} old: another instance of the service (sharing the database)
     * changes cases this one's version does not see.
     */
    private final Map<CaseSearch, Total> totals = new ConcurrentHashMap<>();

    /**
     * Each search's pages as read, with the version and time they were read at, kept as the totals are: staff page
     * through the same searches over and over, and a page changes only when a case does. At most {@link
     * #PAGE_ROWS_KEPT} cases in all.
     */
    private final Map<PageKey, Page> pages = new ConcurrentHashMap<>();

    private final AtomicInteger pageRowsKept = new AtomicInteger();

    private final long maxAgeNanos;

    private record Total(long version, long countedAt, long count) {}

    private record PageKey(CaseSearch search, int page, int size) {}

    private record Page(long version, long readAt, List<CaseView> cases) {}

    CaseQueries(
            JdbcClient jdbc,
            CaseChanges changes,
            @Value("${aima.operations-service.search.max-age:5s}") Duration maxAge) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * Every registered case, counted by stage, age on {@code today}, region, partner, relationship and origin (one row
     * per combination that has cases): one GROUP BY over the covering index.
     */
    public List<BacklogRow> backlog(LocalDate today) {
        return jdbc.sql("select stage, " + AGE_BUCKET + " as age_bucket, region, partner, relationship, origin,"
                        + " count(*) as n from (select stage, region, coalesce(partner_name, '"
                        + BacklogRow.NO_PARTNER + "') as partner, relationship, origin, submitted_on,"
                        + " coalesce(decided_on, cast(:today as date)) as age_until from ops_case) aged"
                        + " group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6")
                .param("today", today)
                .query((rs, row) -> new BacklogRow(
                        rs.getString("stage"),
                        AgeBucket.valueOf(rs.getString("age_bucket")).label(),
                        rs.getString("region"),
                        rs.getString("partner"),
                        rs.getString("relationship"),
                        rs.getString("origin"),
                        rs.getLong("n")))
                .list();
    }

    public Optional<CaseView> find(UUID caseId) {
        return jdbc.sql("select * from ops_case where case_id = :caseId")
                .param("caseId", caseId)
                .query((rs, row) -> view(rs))
                .optional();
    }

    /** A page of the matching cases, oldest original submission first, and how many match in all. */
    public record Found(List<CaseView> cases, long total) {}

    /**
     * The page and the total, each read again when this instance changed a case since it was last read (the version is
     * read first, so a change that commits meanwhile makes the next search read again), or when it is {@code
     * search.max-age} old (another instance sharing the database changes cases this one's version does not see).
     */
    public Found search(CaseSearch search, int page, int size) {
        long version = changes.version();
        long now = System.nanoTime();
        PageKey key = new PageKey(search, page, size);
        Page known = pages.get(key);
        if (known != null && known.version() == version && now - known.readAt() < maxAgeNanos) {
            return new Found(known.cases(), total(search, whereOf(search)));
        }
        Found found = read(search, page, size);
        if (pageRowsKept.addAndGet(found.cases().size()) > PAGE_ROWS_KEPT) {
            pages.clear();
            pageRowsKept.set(found.cases().size());
        }
        pages.put(key, new Page(version, now, List.copyOf(found.cases())));
        return found;
    }

    private static String whereOf(CaseSearch search) {
        List<String> conditions = new ArrayList<>();
        if (search.legacyNumber() != null) {
            conditions.add("legacy_number = :legacyNumber");
        }
        if (search.applicantId() != null) {
            conditions.add("applicant_id = :applicantId");
        }
        if (search.stage() != null) {
            conditions.add("stage = :stage");
        }
        if (search.region() != null) {
            conditions.add("region = :region");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private Found read(CaseSearch search, int page, int size) {
        String where = whereOf(search);
        long total = total(search, where);
        List<CaseView> cases = bind(
                        jdbc.sql("select * from ops_case" + where
                                + " order by submitted_on, case_id limit :limit offset :offset"),
                        search)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> view(rs))
                .list();
        return new Found(cases, total);
    }

    /**
     * The search's number of matching cases: counted again when this instance changed a case since the last count (the
     * version is read first, so a change that commits meanwhile makes the next search count again), or when the count
     * is {@code search.max-age} old.
     */
    private long total(CaseSearch search, String where) {
        long version = changes.version();
        long now = System.nanoTime();
        Total known = totals.get(search);
        if (known != null && known.version() == version && now - known.countedAt() < maxAgeNanos) {
            return known.count();
        }
        long count = bind(jdbc.sql("select count(*) from ops_case" + where), search)
                .query(Long.class)
                .single();
        if (totals.size() >= TOTALS_KEPT) {
            totals.clear();
        }
        totals.put(search, new Total(version, now, count));
        return count;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, CaseSearch search) {
        if (search.legacyNumber() != null) {
            statement = statement.param("legacyNumber", search.legacyNumber());
        }
        if (search.applicantId() != null) {
            statement = statement.param("applicantId", search.applicantId());
        }
        if (search.stage() != null) {
            statement = statement.param("stage", search.stage().name());
        }
        if (search.region() != null) {
            statement = statement.param("region", search.region());
        }
        return statement;
    }

    static CaseView view(ResultSet rs) throws SQLException {
        return new CaseView(
                rs.getObject("case_id", UUID.class),
                rs.getString("applicant_id"),
                rs.getObject("submitted_on", LocalDate.class),
                rs.getObject("registered_at", OffsetDateTime.class),
                rs.getString("region"),
                rs.getString("origin"),
                rs.getString("legacy_number"),
                rs.getString("partner_type"),
                rs.getString("partner_name"),
                rs.getString("relationship"),
                rs.getInt("household_size"),
                rs.getString("stage"),
                (Integer) rs.getObject("required_documents"),
                rs.getObject("checklist_completed_at", OffsetDateTime.class),
                rs.getString("appointment_desk"),
                rs.getObject("appointment_starts_at", LocalDateTime.class),
                rs.getObject("biometrics_collected_at", OffsetDateTime.class),
                rs.getString("decision"),
                rs.getObject("decided_at", OffsetDateTime.class),
                rs.getInt("event_count"),
                rs.getObject("last_event_at", OffsetDateTime.class));
    }
}

package pt.aima.operations.projection.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.operations.projection.KeptReads;

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

    /** How many pages of searches are kept: at most 10,000 cases at the largest page size (a few megabytes). */
    private static final int PAGES_KEPT = 50;

    private final JdbcClient jdbc;

    /**
     * Each search's number of matching cases, and each of its pages, kept with the {@link CaseChanges#version()} they
     * were read at: counting the cases of a region or a stage reads tens of thousands of index entries at national
     * scale, staff page through the same searches over and over, and both change only when a case does. Read again
     * once {@code search.max-age} old too: another instance of the service (sharing the database) changes cases this
     * one's version does not see.
     */
    private final KeptReads<CaseSearch, Long> totals;

    private final KeptReads<PageKey, Found> pages;

    private record PageKey(CaseSearch search, int page, int size) {}

    CaseQueries(
            JdbcClient jdbc,
            CaseChanges changes,
            @Value("${aima.operations-service.search.max-age:5s}") Duration maxAge) {
        this.jdbc = jdbc;
        this.totals = new KeptReads<>(changes::version, TOTALS_KEPT, maxAge);
        this.pages = new KeptReads<>(changes::version, PAGES_KEPT, maxAge);
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
     * search.max-age} old (another instance sharing the database changes cases this one's version does not see). While
     * neither happened the same {@link Found} is answered again, the same instance: a caller may keep what it made of
     * it (the JSON written) for as long as it gets that instance back.
     */
    public Found search(CaseSearch search, int page, int size) {
        return pages.get(new PageKey(search, page, size), () -> {
            String where = whereOf(search);
            long total = totals.get(search, () -> bind(jdbc.sql("select count(*) from ops_case" + where), search)
                    .query(Long.class)
                    .single());
            List<CaseView> cases = List.copyOf(bind(
                            jdbc.sql("select * from ops_case" + where
                                    + " order by submitted_on, case_id limit :limit offset :offset"),
                            search)
                    .param("limit", size)
                    .param("offset", (long) page * size)
                    .query((rs, row) -> view(rs))
                    .list());
            return new Found(cases, total);
        });
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

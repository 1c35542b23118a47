package pt.aima.operations.projection.deadlines;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.kernel.application.DecisionDeadlinePolicy;
import pt.aima.operations.deadline.LegalDeadline;

/** Reads {@code ops_decision_deadline} as of a day: days left and breach are counted here, never stored. */
@Component
public class DeadlineQueries {

    private static final String SELECT =
            """
            select d.*, c.region, c.stage, c.origin, c.legacy_number
            from ops_decision_deadline d join ops_case c on c.case_id = d.case_id""";

    /** A page of undecided cases by nearest deadline, and how many such cases there are in all. */
    public record DeadlinePage(List<DeadlineItem> items, long total) {}

    private final JdbcClient jdbc;

    DeadlineQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Undecided cases, nearest deadline first (breached ones first of all, the longest breached first).
     *
     * @param breachingWithinDays only cases whose deadline is at most this many days after {@code today} (those
     *     breached already included); null for every undecided case
     */
    public DeadlinePage undecided(LocalDate today, Integer breachingWithinDays, int page, int size) {
        String where = " where d.decided_on is null"
                + (breachingWithinDays == null ? "" : " and d.deadline <= cast(:until as date)");
        LocalDate until = breachingWithinDays == null ? today : today.plusDays(breachingWithinDays);
        long total = jdbc.sql("select count(*) from ops_decision_deadline d" + where)
                .param("until", until)
                .query(Long.class)
                .single();
        List<DeadlineItem> items = jdbc.sql(
                        SELECT + where + " order by d.deadline, d.case_id limit :limit offset :offset")
                .param("until", until)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> item(rs, today))
                .list();
        return new DeadlinePage(items, total);
    }

    /** Undecided cases past their deadline on {@code today}. */
    public long breached(LocalDate today) {
        return jdbc.sql("select count(*) from ops_decision_deadline where decided_on is null and deadline < :today")
                .param("today", today)
                .query(Long.class)
                .single();
    }

    /** One case's deadline, decided or not. */
    public Optional<DeadlineItem> find(UUID caseId, LocalDate today) {
        return jdbc.sql(SELECT + " where d.case_id = :caseId")
                .param("caseId", caseId)
                .query((rs, row) -> item(rs, today))
                .optional();
    }

    private static DeadlineItem item(ResultSet rs, LocalDate today) throws SQLException {
        OffsetDateTime extendedAt = rs.getObject("extended_at", OffsetDateTime.class);
        DecisionDeadlinePolicy.Rule rule = new DecisionDeadlinePolicy.Rule(
                rs.getObject("rule_effective_from", LocalDate.class),
                rs.getInt("rule_months"),
                rs.getInt("rule_extension_months"));
        LegalDeadline deadline = new LegalDeadline(
                rs.getObject("submitted_on", LocalDate.class),
                rule,
                rs.getObject("original_deadline", LocalDate.class),
                extendedAt == null ? null : extendedAt.toInstant(),
                rs.getObject("deadline", LocalDate.class));
        LocalDate decidedOn = rs.getObject("decided_on", LocalDate.class);
        return new DeadlineItem(
                rs.getObject("case_id", UUID.class),
                rs.getString("region"),
                rs.getString("stage"),
                rs.getString("origin"),
                rs.getString("legacy_number"),
                deadline.submittedOn(),
                new DeadlineItem.Rule(rule.effectiveFrom(), rule.months(), rule.extensionMonths()),
                deadline.originalDeadline(),
                deadline.extended(),
                deadline.extendedAt(),
                deadline.deadline(),
                decidedOn == null ? deadline.daysLeft(today) : null,
                decidedOn == null && deadline.breachedOn(today),
                decidedOn,
                decidedOn == null ? null : deadline.lateIfDecidedOn(decidedOn));
    }
}

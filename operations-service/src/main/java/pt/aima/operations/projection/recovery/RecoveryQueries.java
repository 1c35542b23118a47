package pt.aima.operations.projection.recovery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.operations.timing.Milestones;

/**
 * The facts behind processing times and the forecast, read from {@code ops_case} (the cases projection's rows, whose
 * instants are the occurred-at of the archived events): the milestones of the cases decided in a window, and how many
 * cases were registered and decided on each day. Days are days in mainland Portugal, as the decision's day in {@code
 * ops_case} is.
 */
@Component
public class RecoveryQueries {

    static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    RecoveryQueries(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    /**
     * The cases open now and those registered and decided on each day from {@code from} on.
     *
     * @param registeredByDay days without a registration left out
     * @param decidedByDay days without a decision left out
     */
    public record Daily(long open, Map<LocalDate, Long> registeredByDay, Map<LocalDate, Long> decidedByDay) {}

    /**
     * The three counts from one snapshot of {@code ops_case}, so they agree: a case decided meanwhile is either open
     * and undecided in all of them or decided today and not open.
     */
    public Daily daily(LocalDate from) {
        return snapshot.execute(status -> new Daily(open(), registeredByDay(from), decidedByDay(from)));
    }

    /** The milestones of every case whose decision occurred at or after {@code from} and before {@code to}. */
    public List<Milestones> decidedBetween(Instant from, Instant to) {
        return jdbc.sql(
                        """
                        select region, origin, registered_at, checklist_completed_at, biometrics_collected_at,
                            decided_at
                        from ops_case where decided_at >= :from and decided_at < :to
                        """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new Milestones(
                        rs.getString("region"),
                        rs.getString("origin"),
                        instant(rs, "registered_at"),
                        instant(rs, "checklist_completed_at"),
                        instant(rs, "biometrics_collected_at"),
                        instant(rs, "decided_at")))
                .list();
    }

    /** Cases not decided yet. */
    public long open() {
        return jdbc.sql("select count(*) from ops_case where decided_at is null")
                .query(Long.class)
                .single();
    }

    /** How many cases were registered on each day from {@code from} on (days without any left out). */
    public Map<LocalDate, Long> registeredByDay(LocalDate from) {
        return byDay(
                """
                select cast(registered_at at time zone 'Europe/Lisbon' as date) as day, count(*) as n
                from ops_case where registered_at >= :from group by 1
                """,
                from);
    }

    /** How many cases were decided on each day from {@code from} on (days without any left out). */
    public Map<LocalDate, Long> decidedByDay(LocalDate from) {
        return byDay(
                """
                select cast(decided_at at time zone 'Europe/Lisbon' as date) as day, count(*) as n
                from ops_case where decided_at >= :from group by 1
                """,
                from);
    }

    private Map<LocalDate, Long> byDay(String sql, LocalDate from) {
        Map<LocalDate, Long> counts = new TreeMap<>();
        jdbc.sql(sql)
                .param("from", Timestamp.from(from.atStartOfDay(LISBON).toInstant()))
                .query((RowCallbackHandler) rs -> counts.put(rs.getObject("day", LocalDate.class), rs.getLong("n")));
        return counts;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

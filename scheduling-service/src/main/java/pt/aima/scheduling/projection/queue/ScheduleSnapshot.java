package pt.aima.scheduling.projection.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.scheduling.projection.deskcalendar.DeskCalendarQueries;
import pt.aima.scheduling.schedule.Booking;
import pt.aima.scheduling.schedule.QueuedCase;
import pt.aima.scheduling.schedule.RegionFallback;
import pt.aima.scheduling.schedule.Schedule;

/**
 * Reads what the scheduler plans with: the desks' calendars, the bookings to come and the waiting queue (the tables of
 * {@link QueueProjection} and the desk calendars).
 */
public class ScheduleSnapshot {

    /**
     * The PostgreSQL advisory lock by which scheduling passes, on every instance, and a rebuild of these tables take
     * turns; any fixed number, unique in this database.
     */
    public static final long SCHEDULER_LOCK = 0x5C4ED01EL;

    private final JdbcClient jdbc;
    private final DeskCalendarQueries desks;
    private final List<RegionFallback> fallbacks;

    /** @param fallbacks when a region's cases may go to a neighbour's desks (configuration) */
    public ScheduleSnapshot(JdbcClient jdbc, DeskCalendarQueries desks, List<RegionFallback> fallbacks) {
        this.jdbc = jdbc;
        this.desks = desks;
        this.fallbacks = List.copyOf(fallbacks);
    }

    public Schedule schedule(LocalDate today) {
        return new Schedule(desks.all(), bookings(today), taken(today), fallbacks);
    }

    /** Cases waiting for an appointment, in no particular order (the schedule orders them). */
    public List<QueuedCase> waiting() {
        return jdbc.sql("select * from queue_entry where state = 'WAITING'")
                .query((rs, row) -> queued(rs))
                .list();
    }

    /**
     * The flows that queued these cases, one statement however many: the ids go as one array parameter, since a pass
     * can decide for more cases than a statement may have parameters (PostgreSQL's protocol allows 65,535; a pass over
     * the whole backlog decides for hundreds of thousands).
     */
    public List<CaseContext> contexts(Collection<CaseId> caseIds) {
        return jdbc.sql(
                        """
                select case_id, correlation_id, causation_id, traceparent, baggage
                from queue_entry where case_id = any(cast(:ids as uuid[]))
                """)
                .param("ids", caseIds.stream().map(CaseId::toString).toArray(String[]::new))
                .query((rs, row) -> new CaseContext(
                        new CaseId(rs.getObject("case_id", UUID.class)),
                        rs.getString("correlation_id"),
                        rs.getString("causation_id"),
                        rs.getString("traceparent"),
                        rs.getString("baggage")))
                .list();
    }

    /**
     * The flow that queued a case, and its W3C trace context.
     *
     * @param traceparent and {@code baggage}: null when the flow was stored without a trace
     */
    public record CaseContext(
            CaseId caseId, String correlationId, String causationId, String traceparent, String baggage) {

        /** The trace context by its W3C field names, the fields that are present. */
        public Map<String, String> traceContext() {
            Map<String, String> fields = new LinkedHashMap<>();
            if (traceparent != null) {
                fields.put(CaseTracing.TRACEPARENT, traceparent);
            }
            if (baggage != null) {
                fields.put(CaseTracing.BAGGAGE, baggage);
            }
            return fields;
        }
    }

    /** Appointments to come, which move if their desk no longer allows them. */
    private List<Booking> bookings(LocalDate from) {
        return jdbc.sql(
                        """
                select q.*, s.desk_id, s.day, min(s.slot_index) as first_index, count(*) as slots,
                       min(s.starts_at) as first_starts_at
                from desk_slot s join queue_entry q on q.case_id = s.case_id
                where s.day >= :from and q.state = 'BOOKED'
                group by q.case_id, s.desk_id, s.day
                order by s.desk_id, s.day, first_index
                """)
                .param("from", from)
                .query((rs, row) -> new Booking(
                        queued(rs),
                        rs.getString("desk_id"),
                        rs.getObject("day", LocalDate.class),
                        rs.getInt("first_index"),
                        rs.getInt("slots"),
                        rs.getObject("first_starts_at", LocalDateTime.class)))
                .list();
    }

    /**
     * Every other slot taken from {@code from} on, slot by slot: households already seen, and bookings made before the
     * queue existed (the first-come-first-served allocator's). They never move, and nobody else gets them.
     */
    private List<Booking> taken(LocalDate from) {
        return jdbc.sql(
                        """
                select s.case_id, s.desk_id, s.day, s.slot_index, s.starts_at from desk_slot s
                where s.day >= :from and not exists (
                    select 1 from queue_entry q where q.case_id = s.case_id and q.state = 'BOOKED')
                """)
                .param("from", from)
                .query((rs, row) -> {
                    LocalDate day = rs.getObject("day", LocalDate.class);
                    return new Booking(
                            QueuedCase.firstBooking(
                                    new CaseId(rs.getObject("case_id", UUID.class)), day, java.time.Instant.EPOCH, 1),
                            rs.getString("desk_id"),
                            day,
                            rs.getInt("slot_index"),
                            1,
                            rs.getObject("starts_at", LocalDateTime.class));
                })
                .list();
    }

    private static QueuedCase queued(ResultSet rs) throws SQLException {
        return new QueuedCase(
                new CaseId(rs.getObject("case_id", UUID.class)),
                rs.getObject("submitted_on", LocalDate.class),
                rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
                rs.getInt("household_size"),
                rs.getObject("court_deadline", LocalDate.class),
                rs.getObject("previous_starts_at", LocalDateTime.class),
                rs.getObject("not_before", LocalDate.class),
                Region.valueOf(rs.getString("region")),
                rs.getObject("queued_on", LocalDate.class));
    }
}

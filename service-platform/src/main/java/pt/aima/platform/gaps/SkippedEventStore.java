package pt.aima.platform.gaps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code skipped_event} table: indexes being watched, events found skipped, and their repair. */
public class SkippedEventStore {

    private final JdbcClient jdbc;

    public SkippedEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A watched index: which of the processor's segments were seen past it while it was empty. */
    public record Watched(long globalIndex, java.util.Set<Integer> passedBy) {}

    /**
     * Watches an index the processor's {@code segments} passed with nothing there, or adds them to those already
     * recorded (several instances may report the same index).
     */
    public void watch(String processor, long index, java.util.Set<Integer> segments, Instant passedAt) {
        Optional<Watched> known = watched(processor, index);
        java.util.Set<Integer> all = new java.util.TreeSet<>(segments);
        known.ifPresent(watched -> all.addAll(watched.passedBy()));
        String passedBy = String.join(",", all.stream().map(String::valueOf).toList());
        jdbc.sql(
                        """
                        insert into skipped_event (processor_name, global_index, state, passed_at, passed_by)
                        values (:processor, :index, 'WATCHING', :at, :passedBy)
                        on conflict (processor_name, global_index) do update set passed_by = excluded.passed_by
                        where skipped_event.state = 'WATCHING'
                        """)
                .param("processor", processor)
                .param("index", index)
                .param("at", Timestamp.from(passedAt))
                .param("passedBy", passedBy)
                .update();
    }

    /** Watched indexes of the processor where an event has been committed since. */
    public List<Watched> watchedWithAnEvent(String processor) {
        return jdbc.sql(
                        """
                        select s.global_index, s.passed_by from skipped_event s
                        join domain_event_entry e on e.global_index = s.global_index
                        where s.processor_name = :processor and s.state = 'WATCHING'
                        order by s.global_index
                        """)
                .param("processor", processor)
                .query((rs, row) -> new Watched(rs.getLong("global_index"), segments(rs.getString("passed_by"))))
                .list();
    }

    private Optional<Watched> watched(String processor, long index) {
        return jdbc.sql(
                        """
                        select global_index, passed_by from skipped_event
                        where processor_name = :processor and global_index = :index and state = 'WATCHING'
                        """)
                .param("processor", processor)
                .param("index", index)
                .query((rs, row) -> new Watched(rs.getLong("global_index"), segments(rs.getString("passed_by"))))
                .optional();
    }

    /** The processor skipped the event now at {@code index}: marks and answers it. */
    public Optional<SkippedEvent> markSkipped(String processor, long index, Instant now) {
        return jdbc.sql(
                        """
                        update skipped_event s
                        set state = 'SKIPPED', detected_at = :now, event_identifier = e.event_identifier,
                            payload_type = e.payload_type, aggregate_identifier = e.aggregate_identifier
                        from domain_event_entry e
                        where s.processor_name = :processor and s.global_index = :index and s.state = 'WATCHING'
                          and e.global_index = s.global_index
                        returning s.*
                        """)
                .param("processor", processor)
                .param("index", index)
                .param("now", Timestamp.from(now))
                .query(SkippedEventStore::row)
                .optional();
    }

    private static java.util.Set<Integer> segments(String passedBy) {
        java.util.Set<Integer> segments = new java.util.TreeSet<>();
        for (String segment : passedBy.split(",")) {
            if (!segment.isBlank()) {
                segments.add(Integer.parseInt(segment.trim()));
            }
        }
        return segments;
    }

    /** Indexes watched longer than {@code watch} belonged to transactions that rolled back: forget them. */
    public int forgetWatchedBefore(Instant now, Duration watch) {
        return jdbc.sql("delete from skipped_event where state = 'WATCHING' and passed_at < :limit")
                .param("limit", Timestamp.from(now.minus(watch)))
                .update();
    }

    /** After a reset the processor handles these indexes again in its replay: stop watching them. */
    public void forgetWatchedAbove(String processor, long index) {
        jdbc.sql("delete from skipped_event where processor_name = :processor and state = 'WATCHING' "
                        + "and global_index > :index")
                .param("processor", processor)
                .param("index", index)
                .update();
    }

    public List<SkippedEvent> all(boolean includeWatching) {
        return jdbc.sql("select * from skipped_event where state <> 'WATCHING' or :watching "
                        + "order by processor_name, global_index")
                .param("watching", includeWatching)
                .query(SkippedEventStore::row)
                .list();
    }

    public Optional<SkippedEvent> find(String processor, long index) {
        return jdbc.sql("select * from skipped_event where processor_name = :processor and global_index = :index")
                .param("processor", processor)
                .param("index", index)
                .query(SkippedEventStore::row)
                .optional();
    }

    /** Marks the event republished unless someone else did; answers whether this call did. */
    public boolean markRepublished(String processor, long index, Instant at) {
        return jdbc.sql(
                                """
                                update skipped_event set state = 'REPUBLISHED', republished_at = :at
                                where processor_name = :processor and global_index = :index and state = 'SKIPPED'
                                """)
                        .param("processor", processor)
                        .param("index", index)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /** Skipped and not yet republished, per processor. */
    public java.util.Map<String, Long> openCounts() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("select processor_name, count(*) as skipped from skipped_event where state = 'SKIPPED' group by 1")
                .query((rs, row) -> counts.put(rs.getString("processor_name"), rs.getLong("skipped")))
                .list();
        return counts;
    }

    private static SkippedEvent row(ResultSet rs, int row) throws SQLException {
        return new SkippedEvent(
                rs.getString("processor_name"),
                rs.getLong("global_index"),
                rs.getString("state"),
                instant(rs.getTimestamp("passed_at")),
                instant(rs.getTimestamp("detected_at")),
                rs.getString("event_identifier"),
                rs.getString("payload_type"),
                rs.getString("aggregate_identifier"),
                instant(rs.getTimestamp("republished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

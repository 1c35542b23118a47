package pt.aima.platform.gaps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code skipped_event} table: indexes being watched, events found skipped, and their repair. */
public class SkippedEventStore {

    private final JdbcClient jdbc;

    public SkippedEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts watching indexes the processor passed with nothing there (several instances may report the same). */
    public void watch(String processor, Collection<Long> indexes, Instant passedAt) {
        for (long index : indexes) {
            jdbc.sql(
                            """
                            insert into skipped_event (processor_name, global_index, state, passed_at)
                            values (:processor, :index, 'WATCHING', :at) on conflict do nothing
                            """)
                    .param("processor", processor)
                    .param("index", index)
                    .param("at", Timestamp.from(passedAt))
                    .update();
        }
    }

    /** Watched indexes where an event has been committed since: the processor skipped them. Marks and answers them. */
    public List<SkippedEvent> markCommittedAsSkipped(String processor, Instant now) {
        return jdbc.sql(
                        """
                        update skipped_event s
                        set state = 'SKIPPED', detected_at = :now, event_identifier = e.event_identifier,
                            payload_type = e.payload_type, aggregate_identifier = e.aggregate_identifier
                        from domain_event_entry e
                        where s.processor_name = :processor and s.state = 'WATCHING'
                          and e.global_index = s.global_index
                        returning s.processor_name, s.global_index, s.state, s.passed_at, s.detected_at,
                                  s.event_identifier, s.payload_type, s.aggregate_identifier, s.republished_at
                        """)
                .param("processor", processor)
                .param("now", Timestamp.from(now))
                .query(SkippedEventStore::row)
                .list();
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

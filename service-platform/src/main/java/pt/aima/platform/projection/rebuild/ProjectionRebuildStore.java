package pt.aima.platform.projection.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.platform.projection.ReadModelTable;
import pt.aima.platform.projection.rebuild.ProjectionRebuild.Difference;
import pt.aima.platform.projection.rebuild.ProjectionRebuild.TableChecksum;

/** The rebuilds and their outcomes, in {@code projection_rebuild} and its two child tables. */
public class ProjectionRebuildStore {

    private static final int TEXT = 2000;

    private final JdbcClient jdbc;

    public ProjectionRebuildStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a new rebuild as RUNNING; the partial unique index refuses it (a {@code DuplicateKeyException}) while
     * another rebuild of the projection is RUNNING or CAUGHT_UP.
     */
    public void insert(UUID id, String projection, String operator, String reason, Instant at) {
        jdbc.sql(
                        """
                insert into projection_rebuild (rebuild_id, projection, state, operator, reason, started_at,
                                                heartbeat_at)
                values (:id, :projection, 'RUNNING', :operator, :reason, :at, :at)
                """)
                .param("id", id)
                .param("projection", projection)
                .param("operator", cut(operator, 255))
                .param("reason", cut(reason, TEXT))
                .param("at", ReadModelTable.utc(at))
                .update();
    }

    /** Rebuilds of the projection still RUNNING or CAUGHT_UP whose runner has not been heard of since {@code before}. */
    public int interruptStale(String projection, Instant before, Instant at) {
        return jdbc.sql(
                        """
                update projection_rebuild set state = 'INTERRUPTED', finished_at = :at,
                       failure = 'no progress since ' || heartbeat_at || ': the instance running it stopped'
                where projection = :projection and state in ('RUNNING', 'CAUGHT_UP') and heartbeat_at < :before
                """)
                .param("projection", projection)
                .param("before", ReadModelTable.utc(before))
                .param("at", ReadModelTable.utc(at))
                .update();
    }

    /** The rebuild of the projection that runs now, if any. */
    public Optional<UUID> running(String projection) {
        return jdbc.sql(
                        """
                select rebuild_id from projection_rebuild
                where projection = :projection and state in ('RUNNING', 'CAUGHT_UP')
                """)
                .param("projection", projection)
                .query(UUID.class)
                .optional();
    }

    public void progress(UUID id, Long position, long head, long applied, Instant at) {
        jdbc.sql(
                        """
                update projection_rebuild set position = :position, head = :head,
                       events_applied = events_applied + :applied, heartbeat_at = :at
                where rebuild_id = :id
                """)
                .param("id", id)
                .param("position", position)
                .param("head", head)
                .param("applied", applied)
                .param("at", ReadModelTable.utc(at))
                .update();
    }

    public void caughtUp(UUID id, Instant at) {
        jdbc.sql(
                        """
                update projection_rebuild set state = 'CAUGHT_UP', caught_up_at = :at, heartbeat_at = :at
                where rebuild_id = :id
                """)
                .param("id", id)
                .param("at", ReadModelTable.utc(at))
                .update();
    }

    public void heartbeat(UUID id, Instant at) {
        jdbc.sql("update projection_rebuild set heartbeat_at = :at where rebuild_id = :id")
                .param("id", id)
                .param("at", ReadModelTable.utc(at))
                .update();
    }

    /**
     * The outcome of the comparison: SWITCHED or DIFFERENT, with the tables' checksums and the first differences. Fails
     * (rolling back the caller's transaction, the swap with it) if the rebuild is no longer CAUGHT_UP: another instance
     * took it for dead.
     */
    public void compared(
            UUID id,
            String state,
            String liveChecksum,
            String rebuiltChecksum,
            List<TableChecksum> tables,
            long differingRows,
            List<Difference> differences,
            Instant at) {
        int updated = jdbc.sql(
                        """
                update projection_rebuild set state = :state, finished_at = :at, heartbeat_at = :at,
                       live_checksum = :live, rebuilt_checksum = :rebuilt, differing_rows = :differing
                where rebuild_id = :id and state = 'CAUGHT_UP'
                """)
                .param("id", id)
                .param("state", state)
                .param("live", liveChecksum)
                .param("rebuilt", rebuiltChecksum)
                .param("differing", differingRows)
                .param("at", ReadModelTable.utc(at))
                .update();
        if (updated != 1) {
            throw new IllegalStateException("rebuild " + id + " is no longer CAUGHT_UP: another instance took it for "
                    + "dead (see aima.projections.rebuild.stale-after); nothing switched");
        }
        for (int i = 0; i < tables.size(); i++) {
            TableChecksum table = tables.get(i);
            jdbc.sql(
                            """
                    insert into projection_rebuild_table (rebuild_id, position, table_name, live_rows, rebuilt_rows,
                                                          live_checksum, rebuilt_checksum)
                    values (:id, :position, :table, :liveRows, :rebuiltRows, :live, :rebuilt)
                    """)
                    .param("id", id)
                    .param("position", i)
                    .param("table", table.table())
                    .param("liveRows", table.liveRows())
                    .param("rebuiltRows", table.rebuiltRows())
                    .param("live", table.liveChecksum())
                    .param("rebuilt", table.rebuiltChecksum())
                    .update();
        }
        for (int i = 0; i < differences.size(); i++) {
            Difference difference = differences.get(i);
            jdbc.sql(
                            """
                    insert into projection_rebuild_difference (rebuild_id, position, table_name, row_key, kind, columns)
                    values (:id, :position, :table, :key, :kind, :columns)
                    """)
                    .param("id", id)
                    .param("position", i)
                    .param("table", difference.table())
                    .param("key", cut(difference.key(), TEXT))
                    .param("kind", difference.kind())
                    .param("columns", cut(String.join(",", difference.columns()), TEXT))
                    .update();
        }
    }

    /** FAILED or INTERRUPTED, with why; a rebuild already finished keeps its outcome (answers false). */
    public boolean ended(UUID id, String state, String failure, Instant at) {
        return jdbc.sql(
                                """
                update projection_rebuild set state = :state, failure = :failure, finished_at = :at, heartbeat_at = :at
                where rebuild_id = :id and state in ('RUNNING', 'CAUGHT_UP')
                """)
                        .param("id", id)
                        .param("state", state)
                        .param("failure", cut(failure, TEXT))
                        .param("at", ReadModelTable.utc(at))
                        .update()
                == 1;
    }

    /** The rebuild, with {@code head} as given for one still running (the event store's head now). */
    public Optional<ProjectionRebuild> find(String projection, UUID id, long currentHead) {
        return jdbc.sql("select * from projection_rebuild where rebuild_id = :id and projection = :projection")
                .param("id", id)
                .param("projection", projection)
                .query((rs, row) -> view(rs, currentHead))
                .optional();
    }

    /** The projection's rebuilds, newest first. */
    public List<ProjectionRebuild> all(String projection, long currentHead, int limit) {
        return jdbc.sql(
                        """
                select * from projection_rebuild where projection = :projection
                order by started_at desc limit :limit
                """)
                .param("projection", projection)
                .param("limit", limit)
                .query((rs, row) -> view(rs, currentHead))
                .list();
    }

    private ProjectionRebuild view(ResultSet rs, long currentHead) throws SQLException {
        UUID id = rs.getObject("rebuild_id", UUID.class);
        String state = rs.getString("state");
        boolean running = ProjectionRebuild.RUNNING.equals(state) || ProjectionRebuild.CAUGHT_UP.equals(state);
        Long position = rs.getObject("position", Long.class);
        Long head = running ? Long.valueOf(currentHead) : rs.getObject("head", Long.class);
        Long lag = head == null ? null : Math.max(0, head - (position == null ? 0 : position));
        return new ProjectionRebuild(
                id,
                rs.getString("projection"),
                state,
                rs.getString("operator"),
                rs.getString("reason"),
                instant(rs, "started_at"),
                position,
                head,
                lag,
                rs.getLong("events_applied"),
                instant(rs, "caught_up_at"),
                instant(rs, "finished_at"),
                rs.getString("live_checksum"),
                rs.getString("rebuilt_checksum"),
                tables(id),
                rs.getObject("differing_rows", Long.class),
                differences(id),
                rs.getString("failure"));
    }

    private List<TableChecksum> tables(UUID id) {
        return jdbc.sql("select * from projection_rebuild_table where rebuild_id = :id order by position")
                .param("id", id)
                .query((rs, row) -> new TableChecksum(
                        rs.getString("table_name"),
                        rs.getLong("live_rows"),
                        rs.getLong("rebuilt_rows"),
                        rs.getString("live_checksum"),
                        rs.getString("rebuilt_checksum")))
                .list();
    }

    private List<Difference> differences(UUID id) {
        return jdbc.sql("select * from projection_rebuild_difference where rebuild_id = :id order by position")
                .param("id", id)
                .query((rs, row) -> {
                    String columns = rs.getString("columns");
                    return new Difference(
                            rs.getString("table_name"),
                            rs.getString("row_key"),
                            rs.getString("kind"),
                            columns == null || columns.isEmpty() ? List.of() : Arrays.asList(columns.split(",")));
                })
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}

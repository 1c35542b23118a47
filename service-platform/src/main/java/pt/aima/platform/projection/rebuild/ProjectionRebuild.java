package pt.aima.platform.projection.rebuild;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A blue/green rebuild of a projection and where it stands.
 *
 * @param state {@code RUNNING} (replaying the event store into the copy), {@code CAUGHT_UP} (the copy reached the
 *     head; the live projection is paused, brought to the same global index and compared), then {@code SWITCHED} (equal:
 *     the copy replaced the live tables), {@code DIFFERENT} (not equal: nothing switched; see {@code differences}),
 *     {@code FAILED} (see {@code failure}; nothing switched) or {@code INTERRUPTED} (the service stopped first)
 * @param position the global index the copy has applied
 * @param head the highest global index of the event store (now, while it runs)
 * @param lag {@code head - position}
 * @param eventsApplied events replayed into the copy
 * @param liveChecksum the live tables' checksum at the compared global index
 * @param rebuiltChecksum the copy's checksum at that index
 * @param tables each table's rows and checksums
 * @param differingRows how many rows differ in all (only the first few are listed)
 */
public record ProjectionRebuild(
        UUID id,
        String projection,
        String state,
        String startedBy,
        String reason,
        Instant startedAt,
        Long position,
        Long head,
        Long lag,
        long eventsApplied,
        Instant caughtUpAt,
        Instant finishedAt,
        String liveChecksum,
        String rebuiltChecksum,
        List<TableChecksum> tables,
        Long differingRows,
        List<Difference> differences,
        String failure) {

    public static final String RUNNING = "RUNNING";
    public static final String CAUGHT_UP = "CAUGHT_UP";
    public static final String SWITCHED = "SWITCHED";
    public static final String DIFFERENT = "DIFFERENT";
    public static final String FAILED = "FAILED";
    public static final String INTERRUPTED = "INTERRUPTED";

    /** One table in both copies: rows, and the md5 over its rows' md5s (in order), compared columns only. */
    public record TableChecksum(
            String table, long liveRows, long rebuiltRows, String liveChecksum, String rebuiltChecksum) {

        public boolean equal() {
            return liveRows == rebuiltRows && liveChecksum.equals(rebuiltChecksum);
        }
    }

    /**
     * A row that differs between the live table and the rebuilt copy.
     *
     * @param key the row's primary key ({@code column=value, ...}), or for a table without one the id of the aggregate
     *     it belongs to
     * @param kind {@code DIFFERENT} (in both, with other values in {@code columns}), {@code ONLY_IN_LIVE} or {@code
     *     ONLY_IN_REBUILT}
     */
    public record Difference(String table, String key, String kind, List<String> columns) {}
}

package pt.aima.platform.integrity;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the service's signed checkpoints ({@link Checkpoint}) and publishes them. Each one reads only what came
 * since the one before: the events above its global index and the few indexes it left open; the previous digest
 * carries everything older. One instance of a service records at a time (a transaction-scoped advisory lock; another
 * instance skips that round), in a repeatable-read transaction so it sees one state of the store.
 */
public final class Checkpointer {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    /** {@code pg_try_advisory_xact_lock} key of the checkpointer ("aimachkp"). */
    private static final long LOCK = 0x61696d6163686b70L;

    private final String service;
    private final DataSource dataSource;
    private final SigningKey key;
    private final CheckpointPublisher publisher;
    private final Duration gapRetention;
    private final int maxEventsPerCheckpoint;

    /** The last checkpoint stopped at {@code maxEventsPerCheckpoint}: more events wait for the next. */
    private volatile boolean lastWasFull;

    public Checkpointer(
            String service,
            DataSource dataSource,
            SigningKey key,
            CheckpointPublisher publisher,
            Duration gapRetention,
            int maxEventsPerCheckpoint) {
        this.service = service;
        this.dataSource = dataSource;
        this.key = key;
        this.publisher = publisher;
        this.gapRetention = gapRetention;
        this.maxEventsPerCheckpoint = maxEventsPerCheckpoint;
    }

    public String service() {
        return service;
    }

    public TrustedKey publicKey() {
        return key.publicKey();
    }

    /** One round: checkpoints until every event committed now is covered, then publishes those not yet published. */
    public List<Checkpoint> run() {
        List<Checkpoint> recorded = new ArrayList<>();
        try {
            Optional<Checkpoint> next;
            do {
                next = checkpoint();
                next.ifPresent(recorded::add);
            } while (next.isPresent() && lastWasFull);
        } finally {
            publishPending();
        }
        return recorded;
    }

    /**
     * Records the next checkpoint, unless nothing changed since the last one (no new event, no event in a watched
     * gap, no gap to stop watching) or another instance is recording one right now.
     */
    public Optional<Checkpoint> checkpoint() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Optional<Checkpoint> recorded = checkpoint(connection);
                connection.commit();
                return recorded;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a checkpoint of " + service + ": " + e.getMessage(), e);
        }
    }

    private Optional<Checkpoint> checkpoint(Connection connection) throws SQLException {
        if (!lock(connection)) {
            return Optional.empty();
        }
        Instant now = now(connection);
        Optional<Checkpoint> last = CheckpointTable.latest(connection);
        if (last.isPresent()
                && last.get().keyId().equals(key.keyId())
                && !last.get().signedBy(key.publicKey())) {
            throw new IllegalStateException(last.get() + " in the table does not carry this service's signature:"
                    + " not extending it; GET /audit/integrity tells what changed");
        }
        long from = last.map(Checkpoint::upToGlobalIndex).orElse(0L);
        byte[] previousDigest = last.map(Checkpoint::digest).orElse(EventHash.GENESIS);
        long previousCount = last.map(Checkpoint::eventCount).orElse(0L);

        List<OpenGap> open = openGaps(connection);
        TreeMap<Long, byte[]> late = eventsInGaps(connection, open);
        List<Long> indexes = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        eventsAfter(connection, from, indexes, hashes);
        lastWasFull = indexes.size() >= maxEventsPerCheckpoint;

        List<IndexRanges.Range> stillOpen = new ArrayList<>();
        List<OpenGap> watched = new ArrayList<>();
        boolean closedAny = false;
        for (OpenGap gap : open) {
            for (IndexRanges.Range remaining :
                    IndexRanges.of(List.of(gap.range())).without(late.keySet()).ranges()) {
                if (gap.seenAt().plus(gapRetention).isBefore(now)) {
                    closedAny = true;
                } else {
                    stillOpen.add(remaining);
                    watched.add(new OpenGap(remaining, gap.seenAt()));
                }
            }
        }
        long upTo = indexes.isEmpty() ? from : indexes.getLast();
        List<IndexRanges.Range> newGaps = new ArrayList<>();
        long expected = from + 1;
        for (long index : indexes) {
            if (index > expected) {
                newGaps.add(new IndexRanges.Range(expected, index - 1));
            }
            expected = index + 1;
        }
        if (indexes.isEmpty() && late.isEmpty() && !closedAny) {
            return Optional.empty();
        }
        for (IndexRanges.Range gap : newGaps) {
            watched.add(new OpenGap(gap, now));
        }
        List<IndexRanges.Range> holes = new ArrayList<>(stillOpen);
        holes.addAll(newGaps);

        MessageDigest fold = EventHash.sha256();
        fold.update(previousDigest);
        late.forEach((index, hash) -> member(fold, index, hash));
        for (int i = 0; i < indexes.size(); i++) {
            member(fold, indexes.get(i), hashes.get(i));
        }
        Checkpoint checkpoint = new Checkpoint(
                        service,
                        last.map(Checkpoint::number).orElse(0L) + 1,
                        previousDigest,
                        from,
                        upTo,
                        previousCount + late.size() + indexes.size(),
                        List.copyOf(late.keySet()),
                        IndexRanges.of(holes),
                        fold.digest(),
                        now,
                        key.keyId(),
                        key.publicKey().base64(),
                        null)
                .signedWith(key);
        CheckpointTable.insert(connection, checkpoint);
        replaceOpenGaps(connection, watched);
        log.debug("recorded {}", checkpoint);
        return Optional.of(checkpoint);
    }

    /** Adds one event to a checkpoint's digest: its global index (8 bytes) and its chain hash. */
    static void member(MessageDigest fold, long globalIndex, byte[] chainHash) {
        fold.update(ByteBuffer.allocate(Long.BYTES).putLong(globalIndex).array());
        fold.update(chainHash == null ? EventHash.GENESIS : chainHash);
    }

    /** Publishes, in order, every checkpoint whose copy the broker has not acknowledged yet; stops at a failure. */
    public int publishPending() {
        int published = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (CheckpointTable.Row row : CheckpointTable.unpublished(connection)) {
                try {
                    publisher.publish(row.checkpoint());
                } catch (Exception e) {
                    log.warn(
                            "could not publish {} to {} (the next round tries again): {}",
                            row.checkpoint(),
                            Checkpoint.topic(service),
                            e.toString());
                    return published;
                }
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
                CheckpointTable.markPublished(connection, row.checkpoint().number());
                published++;
            }
        } catch (SQLException e) {
            log.warn("could not read or mark unpublished checkpoints of {}: {}", service, e.toString());
        }
        return published;
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** The database's clock, to the microsecond it stores: the time a checkpoint is signed at. */
    private static Instant now(Connection connection) throws SQLException {
        try (PreparedStatement clock = connection.prepareStatement("select clock_timestamp()");
                ResultSet result = clock.executeQuery()) {
            result.next();
            return result.getTimestamp(1).toInstant();
        }
    }

    private record OpenGap(IndexRanges.Range range, Instant seenAt) {}

    private static List<OpenGap> openGaps(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "select first_index, last_index, seen_at from integrity_open_gap order by first_index");
                ResultSet rows = select.executeQuery()) {
            List<OpenGap> gaps = new ArrayList<>();
            while (rows.next()) {
                gaps.add(new OpenGap(
                        new IndexRanges.Range(rows.getLong(1), rows.getLong(2)),
                        rows.getTimestamp(3).toInstant()));
            }
            return gaps;
        }
    }

    /**
     * Events that committed into a watched gap since the last checkpoint: they join this one. One index range scan per
     * gap (a join lets the planner scan the whole table once there are many gaps).
     */
    private static TreeMap<Long, byte[]> eventsInGaps(Connection connection, List<OpenGap> gaps) throws SQLException {
        TreeMap<Long, byte[]> found = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("select global_index, chain_hash from"
                + " domain_event_entry where global_index between ? and ? order by global_index")) {
            for (OpenGap gap : gaps) {
                select.setLong(1, gap.range().first());
                select.setLong(2, gap.range().last());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getLong(1), rows.getBytes(2));
                    }
                }
            }
        }
        return found;
    }

    private void eventsAfter(Connection connection, long from, List<Long> indexes, List<byte[]> hashes)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select global_index, chain_hash from domain_event_entry where global_index > ?"
                        + " order by global_index limit ?")) {
            select.setFetchSize(1000);
            select.setLong(1, from);
            select.setInt(2, maxEventsPerCheckpoint);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    indexes.add(rows.getLong(1));
                    hashes.add(rows.getBytes(2));
                }
            }
        }
    }

    private static void replaceOpenGaps(Connection connection, List<OpenGap> gaps) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from integrity_open_gap")) {
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into integrity_open_gap (first_index, last_index, seen_at) values (?, ?, ?)")) {
            for (OpenGap gap : gaps) {
                insert.setLong(1, gap.range().first());
                insert.setLong(2, gap.range().last());
                insert.setTimestamp(3, Timestamp.from(gap.seenAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}

package pt.aima.platform.integrity;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Verifies one service's event store against its own chains and its signed checkpoints, in one repeatable-read
 * snapshot, reading each row once per pass and keeping only a few hashes in memory:
 *
 * <ol>
 *   <li>checkpoints: every one in the table and on the topic must carry a valid signature of the trusted key, the two
 *       copies must agree, and each must continue the one before;
 *   <li>streams, in (aggregate, sequence) order: every event's hash is recomputed from its bytes and its predecessor's
 *       hash (the Java twin {@link EventHash}, never the database's function); sequence numbers have no gaps and
 *       global indexes grow along each stream;
 *   <li>the global order: each checkpoint's digest is recomputed from the stored hashes; an index it covered that is
 *       now empty was deleted, an event at an index that was empty when it was signed (and never joined later) was
 *       inserted, and a digest that differs although every chain holds means events were rewritten with recomputed
 *       hashes (or moved to other global indexes).
 * </ol>
 *
 * An event whose bytes were rewritten by a {@link Reseal} (its personal fields encrypted after it was stored) passes
 * the stream check only through an entry of a statement whose signature and entries verify, binding its stored hash to
 * the hash of its new bytes. A row the database cannot return is reported and skipped ({@link ResilientScan}). One
 * instance verifies one store once.
 */
public final class IntegrityVerifier {

    /** Told how far the verification is: a phase with its row count, then rows done. */
    public interface Progress {
        void phase(String name, long total);

        void advanced(long done);

        Progress NONE = new Progress() {
            @Override
            public void phase(String name, long total) {}

            @Override
            public void advanced(long done) {}
        };
    }

    /** Findings listed in a report; more are counted in a note. */
    static final int MAX_FINDINGS = 1000;

    private static final int FETCH = 1000;
    private static final int PROGRESS_EVERY = 5000;

    private final String service;
    private final TrustedKey trusted;
    private final Duration maxCheckpointLag;
    private final Progress progress;

    private final List<Finding> findings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long unlisted;
    private boolean used;

    /**
     * @param trusted the key checkpoints must be signed with
     * @param maxCheckpointLag events older than this (by their timestamp) must be covered by a checkpoint; null: no
     *     such check
     */
    public IntegrityVerifier(String service, TrustedKey trusted, Duration maxCheckpointLag, Progress progress) {
        this.service = service;
        this.trusted = trusted;
        this.maxCheckpointLag = maxCheckpointLag;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    /**
     * Verifies the store behind {@code connection}; {@code published} is read once the snapshot is taken (so a
     * checkpoint it holds and the snapshot lacks is newer than the snapshot, not deleted). The connection's settings
     * are restored afterwards.
     */
    public IntegrityReport verify(Connection connection, Supplier<PublishedCheckpoints> published) throws SQLException {
        if (used) {
            throw new IllegalStateException("one verification per IntegrityVerifier");
        }
        used = true;
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        boolean readOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            return verifyInSnapshot(connection, published);
        } finally {
            connection.rollback();
            connection.setReadOnly(readOnly);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    private IntegrityReport verifyInSnapshot(Connection connection, Supplier<PublishedCheckpoints> publishedCopies)
            throws SQLException {
        Instant snapshotAt;
        long total;
        try (PreparedStatement select =
                        connection.prepareStatement("select statement_timestamp(), count(*) from domain_event_entry");
                ResultSet result = select.executeQuery()) {
            result.next();
            snapshotAt = result.getTimestamp(1).toInstant();
            total = result.getLong(2);
        }
        PublishedCheckpoints published = publishedCopies.get();
        List<Checkpoint> chain = checkpoints(connection, published, snapshotAt);
        Set<Long> validReseals = reseals(connection);

        StreamCheck streams = new StreamCheck(connection, validReseals);
        progress.phase("chains", total);
        try {
            new ResilientScan(
                            connection,
                            StoredEvent.COLUMNS,
                            "domain_event_entry",
                            List.of("aggregate_identifier", "sequence_number"),
                            FETCH)
                    .run(streams);
        } catch (SQLException e) {
            find(Finding.Kind.UNREADABLE, null, null, null, null, "the stream check stopped: " + e.getMessage());
        }
        streams.finish();
        streams.close();
        progress.advanced(total);

        GlobalCheck global = new GlobalCheck(chain, streams.gaps, snapshotAt);
        progress.phase("checkpoints", total);
        try {
            new ResilientScan(
                            connection,
                            "global_index, aggregate_identifier, sequence_number, chain_hash, time_stamp",
                            "domain_event_entry",
                            List.of("global_index"),
                            FETCH)
                    .run(global);
        } catch (SQLException e) {
            find(Finding.Kind.UNREADABLE, null, null, null, null, "the checkpoint check stopped: " + e.getMessage());
        }
        global.finish();
        progress.advanced(total);

        Checkpoint latest = chain.isEmpty() ? null : chain.getLast();
        if (latest == null && total > 0) {
            notes.add("no checkpoint yet: the events are checked by their chains only");
        }
        if (global.uncheckpointed > 0 && latest != null) {
            notes.add(global.uncheckpointed + " event(s) above global index " + latest.upToGlobalIndex()
                    + " (checkpoint #" + latest.number()
                    + ") are checked by their chains only until the next checkpoint");
        }
        if (global.pending > 0) {
            notes.add(global.pending + " event(s) committed into gaps still watched; they join the next checkpoint");
        }
        if (streams.resealed > 0) {
            notes.add(
                    streams.resealed + " event(s) were resealed (personal fields encrypted after they were stored) by "
                            + validReseals.size() + " signed statement(s); each was checked through its statement");
        }
        if (unlisted > 0) {
            notes.add(unlisted + " further finding(s) not listed");
        }
        return new IntegrityReport(
                service,
                findings.isEmpty() && unlisted == 0 ? IntegrityReport.INTACT : IntegrityReport.TAMPERED,
                snapshotAt,
                streams.events,
                streams.streams,
                global.verifiedCheckpoints,
                latest == null ? null : latest.number(),
                latest == null ? 0 : latest.upToGlobalIndex(),
                global.uncheckpointed,
                published.state(),
                trusted.keyId(),
                trusted.base64(),
                List.copyOf(findings),
                List.copyOf(notes));
    }

    private void find(
            Finding.Kind kind, String aggregate, Long sequence, Long globalIndex, Long checkpoint, String detail) {
        if (findings.size() >= MAX_FINDINGS) {
            unlisted++;
            return;
        }
        findings.add(new Finding(kind, service, aggregate, sequence, globalIndex, checkpoint, detail));
    }

    // ---------------------------------------------------------------------------------------------- checkpoints

    /** The checkpoints to verify the store against: valid, continuous, the published copy where there is one. */
    private List<Checkpoint> checkpoints(Connection connection, PublishedCheckpoints published, Instant snapshotAt)
            throws SQLException {
        Map<Long, CheckpointTable.Row> table = new TreeMap<>();
        try {
            new ResilientScan(
                            connection,
                            CheckpointTable.COLUMNS,
                            "integrity_checkpoint",
                            List.of("checkpoint_number"),
                            100)
                    .run(new ResilientScan.Rows() {
                        @Override
                        public void row(java.sql.ResultSet row) throws SQLException {
                            CheckpointTable.Row read = CheckpointTable.read(row);
                            table.put(read.checkpoint().number(), read);
                        }

                        @Override
                        public void unreadable(Object[] key, SQLException cause) {
                            find(
                                    Finding.Kind.UNREADABLE,
                                    null,
                                    null,
                                    null,
                                    (Long) key[0],
                                    "checkpoint row cannot be read: " + cause.getMessage());
                        }
                    });
        } catch (SQLException e) {
            find(
                    Finding.Kind.UNREADABLE,
                    null,
                    null,
                    null,
                    null,
                    "the checkpoint table cannot be read: " + e.getMessage());
        }
        Map<Long, Checkpoint> valid = new TreeMap<>();
        for (CheckpointTable.Row row : table.values()) {
            Checkpoint checkpoint = row.checkpoint();
            if (checkpoint.signedBy(trusted)) {
                valid.put(checkpoint.number(), checkpoint);
            } else {
                find(
                        Finding.Kind.CHECKPOINT_FORGED,
                        null,
                        null,
                        null,
                        checkpoint.number(),
                        "the checkpoint table's copy " + forgery(checkpoint));
            }
        }
        long highestInTable =
                table.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        if (published.checked()) {
            Map<Long, PublishedCheckpoints.Entry> onTopic = new TreeMap<>();
            for (PublishedCheckpoints.Entry entry : published.entries()) {
                String where = "the record at offset " + entry.offset() + " of " + Checkpoint.topic(service);
                if (entry.checkpoint() == null) {
                    find(
                            Finding.Kind.UNREADABLE,
                            null,
                            null,
                            null,
                            null,
                            where + " is not a checkpoint: " + entry.unreadable());
                    continue;
                }
                Checkpoint checkpoint = entry.checkpoint();
                if (!checkpoint.signedBy(trusted)) {
                    find(
                            Finding.Kind.CHECKPOINT_FORGED,
                            null,
                            null,
                            null,
                            checkpoint.number(),
                            where + " " + forgery(checkpoint));
                    continue;
                }
                PublishedCheckpoints.Entry first = onTopic.putIfAbsent(checkpoint.number(), entry);
                if (first != null && !first.checkpoint().sameAs(checkpoint)) {
                    find(
                            Finding.Kind.CHECKPOINT_ALTERED,
                            null,
                            null,
                            null,
                            checkpoint.number(),
                            "two different checkpoints #" + checkpoint.number() + " were signed (offsets "
                                    + first.offset() + " and " + entry.offset() + "), differing in "
                                    + first.checkpoint().differencesFrom(checkpoint)
                                    + ": whoever holds the key signed a second history");
                }
            }
            for (PublishedCheckpoints.Entry entry : onTopic.values()) {
                Checkpoint copy = entry.checkpoint();
                CheckpointTable.Row row = table.get(copy.number());
                if (row == null) {
                    if (copy.number() > highestInTable && !copy.signedAt().isBefore(snapshotAt)) {
                        notes.add(
                                "checkpoint #" + copy.number() + " was signed after this verification began; not used");
                        continue;
                    }
                    find(
                            Finding.Kind.CHECKPOINT_ALTERED,
                            null,
                            null,
                            null,
                            copy.number(),
                            "published at offset " + entry.offset()
                                    + " but missing from the checkpoint table: deleted");
                } else if (!row.checkpoint().sameAs(copy)) {
                    find(
                            Finding.Kind.CHECKPOINT_ALTERED,
                            null,
                            null,
                            null,
                            copy.number(),
                            "the table's copy differs from the one published at offset " + entry.offset() + " in "
                                    + copy.differencesFrom(row.checkpoint()));
                }
                valid.put(copy.number(), copy);
            }
            for (CheckpointTable.Row row : table.values()) {
                long number = row.checkpoint().number();
                if (!onTopic.containsKey(number)) {
                    if (row.publishedAt() != null) {
                        find(
                                Finding.Kind.CHECKPOINT_ALTERED,
                                null,
                                null,
                                null,
                                number,
                                "marked published at " + row.publishedAt() + ", but " + Checkpoint.topic(service)
                                        + " does not hold it");
                    } else {
                        notes.add("checkpoint #" + number + " is not published yet");
                    }
                }
            }
        } else {
            notes.add("published checkpoints not compared (" + published.state() + "): a rewrite by someone who can"
                    + " also rewrite the checkpoint table would go unnoticed");
        }
        List<Checkpoint> chain = new ArrayList<>();
        Checkpoint before = null;
        for (Checkpoint checkpoint : valid.values()) {
            long expected = before == null ? 1 : before.number() + 1;
            if (checkpoint.number() != expected) {
                find(
                        Finding.Kind.CHECKPOINT_MISSING,
                        null,
                        null,
                        null,
                        expected,
                        "checkpoint(s) #" + expected
                                + (checkpoint.number() - 1 > expected ? "-#" + (checkpoint.number() - 1) : "")
                                + " missing or not valid: global indexes after "
                                + (before == null ? 0 : before.upToGlobalIndex()) + " up to "
                                + checkpoint.fromGlobalIndex() + " cannot be checked against a signature");
            } else if (before == null
                    ? !Arrays.equals(checkpoint.previousDigest(), EventHash.GENESIS)
                            || checkpoint.fromGlobalIndex() != 0
                    : !Arrays.equals(checkpoint.previousDigest(), before.digest())
                            || checkpoint.fromGlobalIndex() != before.upToGlobalIndex()) {
                find(
                        Finding.Kind.CHECKPOINT_MISSING,
                        null,
                        null,
                        null,
                        checkpoint.number(),
                        "does not continue checkpoint #" + expected
                                + "'s predecessor: its previous digest or start differs");
            }
            chain.add(checkpoint);
            before = checkpoint;
        }
        return chain;
    }

    private String forgery(Checkpoint checkpoint) {
        if (!trusted.keyId().equals(checkpoint.keyId())) {
            return "is signed by key " + checkpoint.keyId() + ", not by the service's key " + trusted.keyId();
        }
        return "carries a signature that does not verify with the service's key: its statement was changed after"
                + " signing, or someone without the key signed it";
    }

    // ---------------------------------------------------------------------------------------------- streams

    /** A stretch of sequence numbers missing from a stream, with the global indexes around it. */
    /**
     * The numbers of the reseal statements that verify: signed by the trusted key, their entries (read in global-index
     * order) folding to the digest they sign. Any other is reported and its entries are not used.
     */
    private Set<Long> reseals(Connection connection) throws SQLException {
        Set<Long> valid = new HashSet<>();
        List<Reseal> statements = new ArrayList<>();
        try (PreparedStatement exists = connection.prepareStatement("select to_regclass('event_reseal') is not null");
                ResultSet table = exists.executeQuery()) {
            if (!table.next() || !table.getBoolean(1)) {
                return valid; // a store not yet migrated to V1_41: nothing was ever resealed
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                        "select " + Reseal.COLUMNS + " from event_reseal order by reseal_number");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                statements.add(Reseal.read(rows));
            }
        }
        for (Reseal reseal : statements) {
            if (!reseal.signedBy(trusted)) {
                find(
                        Finding.Kind.RESEAL_FORGED,
                        null,
                        null,
                        null,
                        null,
                        reseal + ": its signature does not verify with the trusted key " + trusted.keyId()
                                + "; the events it names are checked without it");
                continue;
            }
            Reseal.Digest digest = new Reseal.Digest();
            try (PreparedStatement select = connection.prepareStatement("select global_index, aggregate_identifier,"
                    + " sequence_number, chain_hash, resealed_hash from event_reseal_entry where reseal_number = ?"
                    + " order by global_index")) {
                select.setLong(1, reseal.number());
                select.setFetchSize(FETCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        digest.add(Reseal.readEntry(rows));
                    }
                }
            }
            if (digest.count() != reseal.entryCount() || !Arrays.equals(digest.finish(), reseal.entriesDigest())) {
                find(
                        Finding.Kind.RESEAL_FORGED,
                        null,
                        null,
                        null,
                        null,
                        reseal + ": its " + digest.count() + " stored entries are not the " + reseal.entryCount()
                                + " it signs (an entry was added, removed or changed); the events it names are"
                                + " checked without it");
                continue;
            }
            valid.add(reseal.number());
        }
        return valid;
    }

    record StreamGap(
            String aggregate, long firstMissing, long lastMissing, long globalIndexBefore, long globalIndexAfter) {}

    /** A row whose hash did not match, with the predecessor hash it was checked against. */
    private record Mismatch(StoredEvent event, byte[] predecessor) {}

    private final class StreamCheck implements ResilientScan.Rows, AutoCloseable {

        static final int DIAGNOSED_STREAM_LENGTH = 10_000;

        final PreparedStatement resealEntry;
        final Set<Long> validReseals;
        long resealed;

        StreamCheck(Connection connection, Set<Long> validReseals) throws SQLException {
            this.validReseals = validReseals;
            this.resealEntry = validReseals.isEmpty()
                    ? null
                    : connection.prepareStatement("select reseal_number, global_index, aggregate_identifier,"
                            + " sequence_number, chain_hash, resealed_hash from event_reseal_entry"
                            + " where global_index = ?");
        }

        final List<StreamGap> gaps = new ArrayList<>();
        long events;
        long streams;
        String aggregate;
        long lastSequence;
        long lastGlobalIndex;
        byte[] lastHash;
        final Map<Long, byte[]> hashes = new HashMap<>();
        final List<Mismatch> inStream = new ArrayList<>();

        @Override
        public void row(ResultSet row) throws SQLException {
            StoredEvent event = StoredEvent.read(row);
            boolean predecessorPresent =
                    position(event.aggregateIdentifier(), event.sequenceNumber(), event.globalIndex(), true)
                            && lastHash != null;
            if (event.chainHash() == null) {
                find(
                        Finding.Kind.HASH_MISSING,
                        aggregate,
                        event.sequenceNumber(),
                        event.globalIndex(),
                        null,
                        "no chain hash: written with the chain trigger disabled, or the hash was removed");
            } else if (event.chainHash().length != EventHash.LENGTH) {
                find(
                        Finding.Kind.CONTENT_CHANGED,
                        aggregate,
                        event.sequenceNumber(),
                        event.globalIndex(),
                        null,
                        "the stored chain hash is " + event.chainHash().length + " bytes, not " + EventHash.LENGTH);
            } else if (predecessorPresent) {
                byte[] expected = EventHash.chain(lastHash, event);
                if (!Arrays.equals(expected, event.chainHash()) && resealedAs(event, expected)) {
                    resealed++;
                } else if (!Arrays.equals(expected, event.chainHash())) {
                    Mismatch mismatch = new Mismatch(event, lastHash);
                    if (inStream.size() < 64) {
                        inStream.add(mismatch);
                    } else {
                        report(mismatch, null);
                    }
                }
            }
            lastHash = event.chainHash() == null ? EventHash.GENESIS : event.chainHash();
            if (hashes.size() < DIAGNOSED_STREAM_LENGTH) {
                hashes.put(event.sequenceNumber(), lastHash);
            }
            lastSequence = event.sequenceNumber();
            lastGlobalIndex = event.globalIndex();
            events++;
            if (events % PROGRESS_EVERY == 0) {
                progress.advanced(events);
            }
        }

        /**
         * Whether a valid reseal statement says this event, stored with its chain hash, now holds exactly these bytes
         * ({@code recomputed}: their hash on the predecessor's).
         */
        private boolean resealedAs(StoredEvent event, byte[] recomputed) throws SQLException {
            if (resealEntry == null) {
                return false;
            }
            resealEntry.setLong(1, event.globalIndex());
            try (ResultSet row = resealEntry.executeQuery()) {
                if (!row.next() || !validReseals.contains(row.getLong("reseal_number"))) {
                    return false;
                }
                Reseal.Entry entry = Reseal.readEntry(row);
                return entry.aggregateIdentifier().equals(event.aggregateIdentifier())
                        && entry.sequenceNumber() == event.sequenceNumber()
                        && Arrays.equals(entry.chainHash(), event.chainHash())
                        && Arrays.equals(entry.resealedHash(), recomputed);
            }
        }

        @Override
        public void close() throws SQLException {
            if (resealEntry != null) {
                resealEntry.close();
            }
        }

        @Override
        public void unreadable(Object[] key, SQLException cause) {
            String stream = (String) key[0];
            long sequence = ((Number) key[1]).longValue();
            find(
                    Finding.Kind.UNREADABLE,
                    stream,
                    sequence,
                    null,
                    null,
                    "the database cannot return this event (" + cause.getMessage() + "); went on with the next");
            position(stream, sequence, lastGlobalIndex, false);
            // Its successor's predecessor hash is unknown: its successor is compared with nothing, not reported.
            lastSequence = sequence;
            lastHash = null;
        }

        /**
         * Moves to {@code sequence} of {@code stream} (a new stream starts over), reporting missing sequence numbers
         * and a global index that does not grow; answers whether the event's predecessor is the one read last.
         */
        private boolean position(String stream, long sequence, long globalIndex, boolean globalIndexKnown) {
            if (!stream.equals(aggregate)) {
                finish();
                aggregate = stream;
                lastSequence = -1;
                lastGlobalIndex = Long.MIN_VALUE;
                lastHash = EventHash.GENESIS;
                streams++;
            }
            if (sequence != lastSequence + 1) {
                long first = lastSequence + 1;
                long last = sequence - 1;
                gaps.add(new StreamGap(aggregate, first, last, lastGlobalIndex, globalIndex));
                find(
                        Finding.Kind.SEQUENCE_GAP,
                        aggregate,
                        first,
                        null,
                        null,
                        (first == last ? "sequence " + first + " is" : "sequences " + first + "-" + last + " are")
                                + " missing: deleted"
                                + (lastSequence < 0
                                        ? " from the start of the stream"
                                        : " between global indexes " + lastGlobalIndex + " and " + globalIndex)
                                + "; sequence " + sequence + " cannot be checked without its predecessor");
                return false;
            }
            if (globalIndexKnown && globalIndex <= lastGlobalIndex) {
                find(
                        Finding.Kind.REORDERED,
                        aggregate,
                        sequence,
                        globalIndex,
                        null,
                        "stands at global index " + globalIndex + ", before sequence " + lastSequence
                                + " at global index " + lastGlobalIndex + ": the stream's order was changed");
            }
            return true;
        }

        /** Names the stream's mismatches: a hash that fits another position of the stream was moved there. */
        void finish() {
            for (Mismatch mismatch : inStream) {
                if (linksToMovedPredecessor(mismatch)) {
                    continue;
                }
                Long storedAs = null;
                for (Mismatch other : inStream) {
                    long position = other.event().sequenceNumber();
                    if (other == mismatch || storedAs != null) {
                        continue;
                    }
                    List<byte[]> predecessors = new ArrayList<>();
                    predecessors.add(other.event().chainHash());
                    if (position == 0) {
                        predecessors.add(EventHash.GENESIS);
                    } else if (hashes.containsKey(position - 1)) {
                        predecessors.add(hashes.get(position - 1));
                    }
                    for (byte[] predecessor : predecessors) {
                        if (Arrays.equals(
                                EventHash.chain(predecessor, mismatch.event().atSequence(position)),
                                mismatch.event().chainHash())) {
                            storedAs = position;
                            break;
                        }
                    }
                }
                report(mismatch, storedAs);
            }
            inStream.clear();
            hashes.clear();
        }

        /**
         * The event is intact and links to a predecessor that was moved elsewhere in the stream (that one is reported
         * where it stands now).
         */
        private boolean linksToMovedPredecessor(Mismatch mismatch) {
            for (Mismatch other : inStream) {
                if (other != mismatch
                        && Arrays.equals(
                                EventHash.chain(other.event().chainHash(), mismatch.event()),
                                mismatch.event().chainHash())) {
                    return true;
                }
            }
            return false;
        }

        private void report(Mismatch mismatch, Long storedAs) {
            StoredEvent event = mismatch.event();
            if (storedAs != null) {
                find(
                        Finding.Kind.REORDERED,
                        event.aggregateIdentifier(),
                        event.sequenceNumber(),
                        event.globalIndex(),
                        null,
                        "was stored as sequence " + storedAs + " and now stands at sequence " + event.sequenceNumber()
                                + ": its hash fits that position");
            } else {
                changed(mismatch);
            }
        }

        private void changed(Mismatch mismatch) {
            StoredEvent event = mismatch.event();
            find(
                    Finding.Kind.CONTENT_CHANGED,
                    event.aggregateIdentifier(),
                    event.sequenceNumber(),
                    event.globalIndex(),
                    null,
                    "its bytes no longer match the hash it was stored with (stored "
                            + EventHash.shortHex(event.chainHash()) + "…, recomputed "
                            + EventHash.shortHex(EventHash.chain(mismatch.predecessor(), event))
                            + "…): its payload, metadata, type, revision, timestamp or event id was changed after it"
                            + " was stored"
                            + (event.sequenceNumber() > 0
                                    ? ", or the stored hash of sequence " + (event.sequenceNumber() - 1) + " was"
                                    : ""));
        }
    }

    // ---------------------------------------------------------------------------------------------- global order

    private final class GlobalCheck implements ResilientScan.Rows {

        final List<Checkpoint> chain;
        final List<StreamGap> gaps;
        final Instant snapshotAt;
        final Map<Long, Long> lateOwner = new HashMap<>();
        final Map<Long, TreeMap<Long, byte[]>> lateMembers = new HashMap<>();
        final IndexRanges pendingHoles;
        final long checkpointedUpTo;
        int current;
        boolean opened;
        MessageDigest fold;
        long expectedNext;
        final Set<Long> checkpointsWithFindings = new HashSet<>();
        final Set<Long> unreadableIndexes = new HashSet<>();
        long rows;
        long uncheckpointed;
        long pending;
        long unverifiable;
        long verifiedCheckpoints;
        long tooOld;

        GlobalCheck(List<Checkpoint> chain, List<StreamGap> gaps, Instant snapshotAt) {
            this.chain = chain;
            this.gaps = gaps;
            this.snapshotAt = snapshotAt;
            for (Checkpoint checkpoint : chain) {
                for (long index : checkpoint.late()) {
                    lateOwner.put(index, checkpoint.number());
                }
            }
            pendingHoles = chain.isEmpty() ? IndexRanges.NONE : chain.getLast().holes();
            checkpointedUpTo = chain.isEmpty() ? 0 : chain.getLast().upToGlobalIndex();
        }

        @Override
        public void row(ResultSet row) throws SQLException {
            long index = row.getLong("global_index");
            String aggregate = row.getString("aggregate_identifier");
            long sequence = row.getLong("sequence_number");
            byte[] hash = row.getBytes("chain_hash");
            String timeStamp = row.getString("time_stamp");
            if (++rows % PROGRESS_EVERY == 0) {
                progress.advanced(rows);
            }
            Long owner = lateOwner.get(index);
            if (owner != null) {
                lateMembers.computeIfAbsent(owner, number -> new TreeMap<>()).put(index, hash);
                return;
            }
            while (current < chain.size() && index > chain.get(current).upToGlobalIndex()) {
                close(chain.get(current++));
            }
            if (current >= chain.size()) {
                uncheckpointed++;
                if (maxCheckpointLag != null && olderThan(timeStamp, snapshotAt.minus(maxCheckpointLag))) {
                    tooOld++;
                }
                return;
            }
            Checkpoint checkpoint = chain.get(current);
            if (index <= checkpoint.fromGlobalIndex()) {
                unverifiable++;
                return;
            }
            open(checkpoint);
            missing(checkpoint, expectedNext, index - 1);
            expectedNext = index + 1;
            if (checkpoint.holes().contains(index)) {
                if (pendingHoles.contains(index)) {
                    pending++;
                } else {
                    checkpointsWithFindings.add(checkpoint.number());
                    find(
                            Finding.Kind.EVENT_INSERTED,
                            aggregate,
                            sequence,
                            index,
                            checkpoint.number(),
                            "global index " + index + " held no event when checkpoint #" + checkpoint.number()
                                    + " was signed (" + checkpoint.signedAt() + "), and no later checkpoint took this"
                                    + " event in: it was written afterwards, not appended by the service");
                }
                return;
            }
            Checkpointer.member(fold, index, hash);
        }

        @Override
        public void unreadable(Object[] key, SQLException cause) {
            long index = ((Number) key[0]).longValue();
            unreadableIndexes.add(index);
            find(
                    Finding.Kind.UNREADABLE,
                    null,
                    null,
                    index,
                    null,
                    "the database cannot return the event at this index (" + cause.getMessage() + ")");
        }

        void finish() {
            while (current < chain.size()) {
                close(chain.get(current++));
            }
            if (unverifiable > 0) {
                notes.add(unverifiable + " event(s) lie in the range of a missing checkpoint and were checked by their"
                        + " chains only");
            }
            if (tooOld > 0) {
                find(
                        Finding.Kind.CHECKPOINT_MISSING,
                        null,
                        null,
                        checkpointedUpTo,
                        null,
                        tooOld + " event(s) above global index " + checkpointedUpTo + " are older than "
                                + maxCheckpointLag + " and no checkpoint covers them: checkpoints were deleted, or the"
                                + " service stopped recording them");
            }
        }

        private void open(Checkpoint checkpoint) {
            if (opened) {
                return;
            }
            fold = EventHash.sha256();
            fold.update(checkpoint.previousDigest());
            TreeMap<Long, byte[]> late = lateMembers.getOrDefault(checkpoint.number(), new TreeMap<>());
            late.forEach((index, hash) -> Checkpointer.member(fold, index, hash));
            for (long index : checkpoint.late()) {
                if (!late.containsKey(index)) {
                    checkpointsWithFindings.add(checkpoint.number());
                    find(
                            Finding.Kind.EVENT_DELETED,
                            null,
                            null,
                            index,
                            checkpoint.number(),
                            "joined checkpoint #" + checkpoint.number() + " (committed late) and is gone"
                                    + streamOf(index));
                }
            }
            expectedNext = checkpoint.fromGlobalIndex() + 1;
            opened = true;
        }

        private void close(Checkpoint checkpoint) {
            open(checkpoint);
            missing(checkpoint, expectedNext, checkpoint.upToGlobalIndex());
            byte[] digest = fold.digest();
            opened = false;
            verifiedCheckpoints++;
            if (Arrays.equals(digest, checkpoint.digest())) {
                return;
            }
            boolean explained = checkpointsWithFindings.contains(checkpoint.number())
                    || findings.stream()
                            .anyMatch(finding -> finding.globalIndex() != null
                                    && (checkpoint.late().contains(finding.globalIndex())
                                            || (finding.globalIndex() > checkpoint.fromGlobalIndex()
                                                    && finding.globalIndex() <= checkpoint.upToGlobalIndex())));
            find(
                    Finding.Kind.CHECKPOINT_MISMATCH,
                    null,
                    null,
                    null,
                    checkpoint.number(),
                    "the events of global indexes " + checkpoint.fromGlobalIndex() + "-" + checkpoint.upToGlobalIndex()
                            + " fold to " + EventHash.shortHex(digest) + "…, not to the signed "
                            + EventHash.shortHex(checkpoint.digest()) + "… of " + checkpoint.signedAt()
                            + (explained
                                    ? ": explained by the findings at those indexes"
                                    : ": every chain holds, so events there were rewritten with recomputed hashes, or"
                                            + " moved to other global indexes, after the checkpoint was signed"));
        }

        /** Indexes of {@code first..last} that the checkpoint covered and that hold no event now. */
        private void missing(Checkpoint checkpoint, long first, long last) {
            if (first > last) {
                return;
            }
            for (IndexRanges.Range gone : checkpoint.holes().complementWithin(first, last)) {
                checkpointsWithFindings.add(checkpoint.number());
                for (long index = gone.first(); index <= gone.last(); index++) {
                    if (unreadableIndexes.contains(index)) {
                        continue;
                    }
                    find(
                            Finding.Kind.EVENT_DELETED,
                            aggregateOf(index),
                            sequenceOf(index),
                            index,
                            checkpoint.number(),
                            "checkpoint #" + checkpoint.number() + " covered an event at global index " + index
                                    + "; there is none now" + streamOf(index));
                }
            }
        }

        private StreamGap gapAround(long index) {
            StreamGap found = null;
            for (StreamGap gap : gaps) {
                if (gap.globalIndexBefore() < index && index < gap.globalIndexAfter()) {
                    if (found != null) {
                        return null;
                    }
                    found = gap;
                }
            }
            return found != null && found.firstMissing() == found.lastMissing() ? found : null;
        }

        private String aggregateOf(long index) {
            StreamGap gap = gapAround(index);
            return gap == null ? null : gap.aggregate();
        }

        private Long sequenceOf(long index) {
            StreamGap gap = gapAround(index);
            return gap == null ? null : gap.firstMissing();
        }

        private String streamOf(long index) {
            return gapAround(index) == null
                    ? " (its stream is not known: it was the last event of its stream, or the whole stream is gone)"
                    : " (the only sequence missing from that place in its stream)";
        }
    }

    private static boolean olderThan(String timeStamp, Instant limit) {
        try {
            return timeStamp != null && Instant.parse(timeStamp).isBefore(limit);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** For reports: the findings grouped by kind, in the order of {@link Finding.Kind}. */
    public static Map<Finding.Kind, Long> countByKind(List<Finding> findings) {
        Map<Finding.Kind, Long> counts = new LinkedHashMap<>();
        for (Finding.Kind kind : Finding.Kind.values()) {
            long count =
                    findings.stream().filter(finding -> finding.kind() == kind).count();
            if (count > 0) {
                counts.put(kind, count);
            }
        }
        return counts;
    }
}

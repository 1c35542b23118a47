package pt.aima.platform.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * A signed statement that events were <em>resealed</em>: their stored bytes were rewritten after they were appended,
 * for one reason only, to encrypt personal fields stored before the service encrypted them (see {@code
 * V1_41__event_reseal.sql}). The events keep the chain hashes they were stored with, so no later hash, checkpoint or
 * chain head changes; each {@link Entry} binds the event's stored hash to the hash of its new bytes on its
 * predecessor, and the statement signs the digest of its entries with the service's checkpoint key.
 *
 * <pre>
 * entriesDigest = sha256( for each entry in global-index order:
 *     global index (8 bytes) || length-prefixed aggregate id || sequence (8 bytes) || chain hash || resealed hash )
 * </pre>
 *
 * <p>A verifier accepts an event whose bytes no longer match its hash only through an entry of a statement whose
 * signature verifies and whose entries fold to its digest. So someone without the signing key cannot pass a change off
 * as a reseal, and removing or altering an entry exposes the event as changed.
 */
public record Reseal(
        String service,
        long number,
        Instant signedAt,
        String reason,
        int entryCount,
        byte[] entriesDigest,
        String keyId,
        String publicKey,
        byte[] signature) {

    public static final String FORMAT = "aima-reseal-v1";

    static final String COLUMNS =
            "reseal_number, service, signed_at, reason, entry_count, entries_digest, key_id, public_key, signature";

    /**
     * One resealed event.
     *
     * @param chainHash the hash it was stored with, unchanged in the store
     * @param resealedHash {@link EventHash#chain} of its predecessor's hash and its new bytes
     */
    public record Entry(
            long globalIndex, String aggregateIdentifier, long sequenceNumber, byte[] chainHash, byte[] resealedHash) {}

    /** The digest of {@code entries}, which must be in global-index order. */
    public static byte[] digest(List<Entry> entries) {
        Digest digest = new Digest();
        entries.forEach(digest::add);
        return digest.finish();
    }

    /** Folds entries one at a time, in global-index order, as {@link #digest} does at once. */
    static final class Digest {
        private final MessageDigest sha256 = EventHash.sha256();
        private final byte[] number = new byte[Long.BYTES];
        private int count;

        void add(Entry entry) {
            putLong(entry.globalIndex());
            byte[] aggregate = entry.aggregateIdentifier().getBytes(StandardCharsets.UTF_8);
            int length = aggregate.length;
            sha256.update(
                    new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
            sha256.update(aggregate);
            putLong(entry.sequenceNumber());
            sha256.update(entry.chainHash());
            sha256.update(entry.resealedHash());
            count++;
        }

        int count() {
            return count;
        }

        byte[] finish() {
            return sha256.digest();
        }

        private void putLong(long value) {
            for (int i = Long.BYTES - 1; i >= 0; i--) {
                number[i] = (byte) value;
                value >>>= 8;
            }
            sha256.update(number);
        }
    }

    /** The bytes the signature covers: every field but the public key and the signature, one per line. */
    public byte[] statement() {
        return (FORMAT + "\n"
                        + "service=" + service + "\n"
                        + "number=" + number + "\n"
                        + "signedAt=" + signedAt + "\n"
                        + "reason=" + reason.replace('\n', ' ') + "\n"
                        + "entries=" + entryCount + "\n"
                        + "entriesDigest=" + EventHash.hex(entriesDigest) + "\n"
                        + "key=" + keyId + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A new statement over {@code entries} (in global-index order), signed with {@code key}; the time to the
     * microsecond, as the table keeps it.
     */
    public static Reseal sign(
            String service, long number, Instant at, String reason, List<Entry> entries, SigningKey key) {
        Instant signedAt = at.truncatedTo(ChronoUnit.MICROS);
        Reseal unsigned = new Reseal(
                service,
                number,
                signedAt,
                reason,
                entries.size(),
                digest(entries),
                key.keyId(),
                key.publicKey().base64(),
                null);
        return new Reseal(
                service,
                number,
                signedAt,
                reason,
                entries.size(),
                unsigned.entriesDigest,
                key.keyId(),
                key.publicKey().base64(),
                key.sign(unsigned.statement()));
    }

    public boolean signedBy(TrustedKey key) {
        return signature != null && key.keyId().equals(keyId) && key.verifies(statement(), signature);
    }

    /** The next free statement number of the store behind {@code connection}. */
    public static long nextNumber(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("select coalesce(max(reseal_number), 0) + 1 from event_reseal");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Stores the statement and its entries; the caller's transaction also holds the rewritten events. */
    public void insert(Connection connection, List<Entry> entries) throws SQLException {
        if (entries.size() != entryCount || !Arrays.equals(digest(entries), entriesDigest)) {
            throw new IllegalArgumentException("the entries are not the ones this statement signs");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into event_reseal (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, number);
            insert.setString(2, service);
            insert.setTimestamp(3, Timestamp.from(signedAt));
            insert.setString(4, reason);
            insert.setInt(5, entryCount);
            insert.setBytes(6, entriesDigest);
            insert.setString(7, keyId);
            insert.setString(8, publicKey);
            insert.setBytes(9, signature);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into event_reseal_entry (global_index,"
                + " reseal_number, aggregate_identifier, sequence_number, chain_hash, resealed_hash)"
                + " values (?, ?, ?, ?, ?, ?)")) {
            for (Entry entry : entries) {
                insert.setLong(1, entry.globalIndex());
                insert.setLong(2, number);
                insert.setString(3, entry.aggregateIdentifier());
                insert.setLong(4, entry.sequenceNumber());
                insert.setBytes(5, entry.chainHash());
                insert.setBytes(6, entry.resealedHash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static Reseal read(ResultSet row) throws SQLException {
        return new Reseal(
                row.getString("service"),
                row.getLong("reseal_number"),
                row.getTimestamp("signed_at").toInstant(),
                row.getString("reason"),
                row.getInt("entry_count"),
                row.getBytes("entries_digest"),
                row.getString("key_id"),
                row.getString("public_key"),
                row.getBytes("signature"));
    }

    static Entry readEntry(ResultSet row) throws SQLException {
        return new Entry(
                row.getLong("global_index"),
                row.getString("aggregate_identifier"),
                row.getLong("sequence_number"),
                row.getBytes("chain_hash"),
                row.getBytes("resealed_hash"));
    }

    @Override
    public String toString() {
        return "reseal #" + number + " of " + service + " (" + entryCount + " event(s), signed " + signedAt + ")";
    }
}

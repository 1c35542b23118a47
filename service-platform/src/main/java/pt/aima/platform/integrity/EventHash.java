package pt.aima.platform.integrity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain hash of a stored event, computed as {@code V1_11__event_chain.sql} computes it in the appending
 * transaction: {@code sha256(previous || canonical bytes)}, where the canonical bytes are the columns as stored (event
 * id, aggregate type, aggregate id, sequence number, payload type, revision, timestamp, payload, metadata), the
 * sequence number as 8 big-endian bytes, every other column length-prefixed (4 big-endian bytes, -1 for null). The
 * global index is not known before the row is inserted; checkpoints bind each event's hash to it.
 * Verifiers use this twin, never the database's function: whoever can change the database can change the function.
 */
public final class EventHash {

    public static final int LENGTH = 32;

    /** The predecessor of a stream's first event. */
    public static final byte[] GENESIS = new byte[LENGTH];

    private static final HexFormat HEX = HexFormat.of();

    private EventHash() {}

    public static byte[] chain(byte[] previous, StoredEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previous == null ? GENESIS : previous);
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        text(sha256, event.eventIdentifier());
        text(sha256, event.type());
        text(sha256, event.aggregateIdentifier());
        sha256.update(number.putLong(0, event.sequenceNumber()).array());
        text(sha256, event.payloadType());
        text(sha256, event.payloadRevision());
        text(sha256, event.timeStamp());
        bytes(sha256, event.payload());
        bytes(sha256, event.metaData());
        return sha256.digest();
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(byte[] hash) {
        return hash == null ? null : HEX.formatHex(hash);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    /** The first 12 hex digits, enough to tell two hashes apart in a message. */
    static String shortHex(byte[] hash) {
        return hash == null ? "none" : hex(hash).substring(0, 12);
    }

    private static void text(MessageDigest sha256, String value) {
        bytes(sha256, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest sha256, byte[] value) {
        sha256.update(ByteBuffer.allocate(Integer.BYTES)
                .putInt(value == null ? -1 : value.length)
                .array());
        if (value != null) {
            sha256.update(value);
        }
    }
}

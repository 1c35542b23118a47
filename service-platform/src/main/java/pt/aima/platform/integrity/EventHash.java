package pt.aima.platform.integrity;

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
        MessageDigest sha256 = CHAIN_DIGEST.get(); // reset by every digest(); one per thread, not one per event
        byte[] number = new byte[Long.BYTES];
        sha256.update(previous == null ? GENESIS : previous);
        text(sha256, number, event.eventIdentifier());
        text(sha256, number, event.type());
        text(sha256, number, event.aggregateIdentifier());
        putLong(number, event.sequenceNumber());
        sha256.update(number, 0, Long.BYTES);
        text(sha256, number, event.payloadType());
        text(sha256, number, event.payloadRevision());
        text(sha256, number, event.timeStamp());
        bytes(sha256, number, event.payload());
        bytes(sha256, number, event.metaData());
        return sha256.digest();
    }

    /** Each appending or verifying thread's own digest: {@code MessageDigest.getInstance} looks up the provider. */
    private static final ThreadLocal<MessageDigest> CHAIN_DIGEST = ThreadLocal.withInitial(EventHash::sha256);

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

    private static void text(MessageDigest sha256, byte[] scratch, String value) {
        bytes(sha256, scratch, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** The length (4 big-endian bytes, -1 for null), then the bytes. */
    private static void bytes(MessageDigest sha256, byte[] scratch, byte[] value) {
        int length = value == null ? -1 : value.length;
        scratch[0] = (byte) (length >>> 24);
        scratch[1] = (byte) (length >>> 16);
        scratch[2] = (byte) (length >>> 8);
        scratch[3] = (byte) length;
        sha256.update(scratch, 0, Integer.BYTES);
        if (value != null) {
            sha256.update(value);
        }
    }

    private static void putLong(byte[] target, long value) {
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            target[i] = (byte) value;
            value >>>= 8;
        }
    }
}

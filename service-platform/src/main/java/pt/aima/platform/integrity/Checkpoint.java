package pt.aima.platform.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A signed statement about a whole event store: "up to global index {@code upToGlobalIndex}, the store held exactly
 * these events, and their hashes fold to {@code digest}". Each checkpoint continues the one before:
 *
 * <pre>
 * digest(k) = sha256( digest(k-1) || for each member in global-index order: global index (8 bytes) || chain hash )
 * members(k) = late(k) + every index of (fromGlobalIndex, upToGlobalIndex] that is not in holes(k)
 * </pre>
 *
 * <p>{@code holes} are the indexes up to {@code upToGlobalIndex} that held no event when it was signed and are still
 * watched (a transaction still open, or rolled back); an event that commits into one later joins the next checkpoint
 * as {@code late}. A hole watched longer than the retention is dropped: an event appearing there afterwards was never
 * appended by the service. So every event up to the latest checkpoint belongs to exactly one checkpoint, or to none
 * and then was not there when it should have been.
 *
 * @param eventCount events covered by this checkpoint and those before it
 * @param keyId the signing key's id ({@link TrustedKey#keyId()})
 * @param publicKey the signing key's public half (base64 X.509), for convenience: verifiers trust a key they pinned
 */
public record Checkpoint(
        String service,
        long number,
        byte[] previousDigest,
        long fromGlobalIndex,
        long upToGlobalIndex,
        long eventCount,
        List<Long> late,
        IndexRanges holes,
        byte[] digest,
        Instant signedAt,
        String keyId,
        String publicKey,
        byte[] signature) {

    public static final String FORMAT = "aima-checkpoint-v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Checkpoint {
        late = List.copyOf(late);
    }

    /** The topic a service publishes its checkpoints to, keyed by the service's name. */
    public static String topic(String service) {
        return "aima." + service + ".checkpoints.v1";
    }

    /** The bytes the signature covers: every field but the public key and the signature, one per line. */
    public byte[] statement() {
        return (FORMAT + "\n"
                        + "service=" + service + "\n"
                        + "number=" + number + "\n"
                        + "previous=" + EventHash.hex(previousDigest) + "\n"
                        + "from=" + fromGlobalIndex + "\n"
                        + "upTo=" + upToGlobalIndex + "\n"
                        + "events=" + eventCount + "\n"
                        + "late=" + late.stream().map(String::valueOf).collect(Collectors.joining(",")) + "\n"
                        + "holes=" + holes + "\n"
                        + "digest=" + EventHash.hex(digest) + "\n"
                        + "signedAt=" + signedAt + "\n"
                        + "key=" + keyId + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public Checkpoint signedWith(SigningKey key) {
        Checkpoint unsigned = new Checkpoint(
                service,
                number,
                previousDigest,
                fromGlobalIndex,
                upToGlobalIndex,
                eventCount,
                late,
                holes,
                digest,
                signedAt,
                key.keyId(),
                key.publicKey().base64(),
                null);
        return new Checkpoint(
                service,
                number,
                previousDigest,
                fromGlobalIndex,
                upToGlobalIndex,
                eventCount,
                late,
                holes,
                digest,
                signedAt,
                key.keyId(),
                key.publicKey().base64(),
                key.sign(unsigned.statement()));
    }

    public boolean signedBy(TrustedKey key) {
        return key.keyId().equals(keyId) && key.verifies(statement(), signature);
    }

    /** The same statement with the same signature. */
    public boolean sameAs(Checkpoint other) {
        return Arrays.equals(statement(), other.statement()) && Arrays.equals(signature, other.signature);
    }

    /** The fields in which {@code other} says something else, e.g. {@code [digest, holes]}. */
    public List<String> differencesFrom(Checkpoint other) {
        List<String> fields = new ArrayList<>();
        String[] mine = new String(statement(), StandardCharsets.UTF_8).split("\n");
        String[] theirs = new String(other.statement(), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < Math.min(mine.length, theirs.length); i++) {
            if (!mine[i].equals(theirs[i])) {
                fields.add(mine[i].contains("=") ? mine[i].substring(0, mine[i].indexOf('=')) : "format");
            }
        }
        if (!Arrays.equals(signature, other.signature)) {
            fields.add("signature");
        }
        return fields;
    }

    /** The record published on {@link #topic}: JSON, digests in hex, key and signature in base64. */
    public byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("service", service);
        json.put("number", number);
        json.put("previousDigest", EventHash.hex(previousDigest));
        json.put("fromGlobalIndex", fromGlobalIndex);
        json.put("upToGlobalIndex", upToGlobalIndex);
        json.put("eventCount", eventCount);
        json.put("late", late);
        json.put("holes", holes.toString());
        json.put("digest", EventHash.hex(digest));
        json.put("signedAt", signedAt.toString());
        json.put("keyId", keyId);
        json.put("publicKey", publicKey);
        json.put("signature", signature == null ? null : Base64.getEncoder().encodeToString(signature));
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a published record; any record that is not one is refused with the reason. */
    public static Checkpoint fromJson(byte[] bytes) {
        try {
            JsonNode json = JSON.readTree(bytes);
            if (json == null || !FORMAT.equals(text(json, "format"))) {
                throw new IllegalArgumentException("not an " + FORMAT + " record");
            }
            List<Long> late = new ArrayList<>();
            JsonNode lateNode = json.get("late");
            if (lateNode == null || !lateNode.isArray()) {
                throw new IllegalArgumentException("no late array");
            }
            lateNode.forEach(index -> late.add(index.asLong()));
            String signature = text(json, "signature");
            return new Checkpoint(
                    text(json, "service"),
                    number(json, "number"),
                    EventHash.fromHex(text(json, "previousDigest")),
                    number(json, "fromGlobalIndex"),
                    number(json, "upToGlobalIndex"),
                    number(json, "eventCount"),
                    late,
                    IndexRanges.parse(text(json, "holes")),
                    EventHash.fromHex(text(json, "digest")),
                    Instant.parse(text(json, "signedAt")),
                    text(json, "keyId"),
                    text(json, "publicKey"),
                    signature == null ? null : Base64.getDecoder().decode(signature));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "unreadable checkpoint record: " + (e.getMessage() == null ? e.getClass() : e.getMessage()), e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null) {
            throw new IllegalArgumentException("no field " + field);
        }
        return value.isNull() ? null : value.asText();
    }

    private static long number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("no number " + field);
        }
        return value.asLong();
    }

    @Override
    public String toString() {
        return "checkpoint #" + number + " of " + service + " (global indexes after " + fromGlobalIndex + " up to "
                + upToGlobalIndex + ", signed " + signedAt + ")";
    }
}

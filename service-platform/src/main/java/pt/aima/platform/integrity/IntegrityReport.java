package pt.aima.platform.integrity;

import java.time.Instant;
import java.util.List;

/**
 * What a verification of one service's event store found.
 *
 * @param status {@code INTACT} when nothing was found, else {@code TAMPERED}
 * @param events events read
 * @param streams aggregate streams whose chains were checked
 * @param checkpoints checkpoints whose signatures verified and whose digests were recomputed from the store
 * @param latestCheckpoint the newest valid checkpoint (null if none)
 * @param checkpointedUpTo the global index it covers up to (0 if none)
 * @param uncheckpointedEvents events above it, checked by their chains only until the next checkpoint
 * @param publishedCopies how the published copies (the Kafka topic) were compared: {@code CHECKED}, {@code NOT_READ}
 *     (the caller gave none) or {@code UNAVAILABLE: <reason>}
 * @param trustedKey the id of the key checkpoints had to be signed with
 * @param trustedPublicKey that key (base64 X.509), so an auditor can pin it
 * @param findings every problem, located
 * @param notes what is worth knowing but is not a problem (checkpoints not yet published, events still pending)
 */
public record IntegrityReport(
        String service,
        String status,
        Instant verifiedAt,
        long events,
        long streams,
        long checkpoints,
        Long latestCheckpoint,
        long checkpointedUpTo,
        long uncheckpointedEvents,
        String publishedCopies,
        String trustedKey,
        String trustedPublicKey,
        List<Finding> findings,
        List<String> notes) {

    public static final String INTACT = "INTACT";
    public static final String TAMPERED = "TAMPERED";

    public boolean intact() {
        return findings.isEmpty();
    }
}

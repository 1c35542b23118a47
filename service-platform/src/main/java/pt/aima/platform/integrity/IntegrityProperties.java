package pt.aima.platform.integrity;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's tamper evidence: how often it signs a checkpoint of its event store, and with which key.
 *
 * @param checkpointInterval how often a checkpoint is recorded and published while events are appended (nothing is
 *     recorded while nothing changes)
 * @param gapRetention how long a global index without an event stays watched for a transaction that commits late;
 *     an event appearing there afterwards is reported as inserted
 * @param maxEventsPerCheckpoint the most events one checkpoint covers (a large backlog gets several)
 * @param signingKey the Ed25519 key pair in PEM (PRIVATE KEY and PUBLIC KEY blocks), e.g. from a secret in the
 *     environment; wins over {@code signingKeyFile}
 * @param signingKeyFile the file holding that PEM; default {@code <java.io.tmpdir>/aima-integrity/<service>.pem}
 * @param generateKey create the key file when it is missing (development); switch off in production, where the key is
 *     mounted and never stored beside the database
 * @param kafkaReadTimeout how long {@code GET /audit/integrity} may take to read the checkpoint topic
 * @param maxCheckpointLag events older than this must be covered by a checkpoint; default the larger of five minutes
 *     and three checkpoint intervals
 */
@ConfigurationProperties("aima.integrity")
public record IntegrityProperties(
        @DefaultValue("30s") Duration checkpointInterval,
        @DefaultValue("10m") Duration gapRetention,
        @DefaultValue("100000") int maxEventsPerCheckpoint,
        String signingKey,
        Path signingKeyFile,
        @DefaultValue("true") boolean generateKey,
        @DefaultValue("10s") Duration kafkaReadTimeout,
        Duration maxCheckpointLag) {

    public Path keyFile(String service) {
        return signingKeyFile != null
                ? signingKeyFile
                : Path.of(System.getProperty("java.io.tmpdir"), "aima-integrity", service + ".pem");
    }

    public Duration checkpointLag() {
        if (maxCheckpointLag != null) {
            return maxCheckpointLag;
        }
        Duration threeIntervals = checkpointInterval.multipliedBy(3);
        return threeIntervals.compareTo(Duration.ofMinutes(5)) > 0 ? threeIntervals : Duration.ofMinutes(5);
    }
}

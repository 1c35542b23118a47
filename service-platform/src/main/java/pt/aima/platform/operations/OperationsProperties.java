package pt.aima.platform.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the service looks at its dead letters and its processors' tokens.
 *
 * @param deadLetterRefresh how often the counts behind health and the {@code aima.dead.letters} gauge are refreshed
 *     (reading the Kafka dead-letter topics takes a bounded consumer a few round trips)
 * @param kafkaReadTimeout how long a bounded read of a dead-letter topic may take
 * @param skippedEventCheck how often each streaming processor's tokens are compared with the event store; the shorter,
 *     the smaller the window in which a late commit goes unnoticed (see {@code SkippedEventDetector})
 * @param skippedEventWatch how long a global index the processor passed without an event is watched for a late commit;
 *     after that it is taken for a rolled-back transaction
 */
@ConfigurationProperties("aima.operations")
public record OperationsProperties(
        @DefaultValue("30s") Duration deadLetterRefresh,
        @DefaultValue("10s") Duration kafkaReadTimeout,
        @DefaultValue("1s") Duration skippedEventCheck,
        @DefaultValue("24h") Duration skippedEventWatch) {}

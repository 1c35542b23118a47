package pt.aima.platform;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What makes one service itself on the platform.
 *
 * @param name the service's name: its Kafka consumer group, inbox consumer, and actor when it acts on its own
 * @param topic the topic it publishes its integration events to
 * @param restrictedTopics further topics it publishes that carry personal data, to be readable only by the services
 *     that need it (broker ACLs); the relay routes each event by {@link pt.aima.kernel.Topics#of}
 * @param consumes the topics it consumes (each gets a dead-letter topic of this service)
 * @param partitions partitions of topics this service creates; records are keyed by case id
 * @param replicationFactor replication of topics this service creates
 * @param relayAckTimeout how long the relay waits for the broker to acknowledge a batch before retrying it
 * @param restrictedTopicRetention how long the broker keeps the records of a restricted topic ({@link
 *     pt.aima.kernel.Topics#isRestricted}, its dead-letter topics included) that this service creates: far shorter
 *     than any legal retention, so an erasure never leaves a copy of the personal data on the broker
 * @param topicRetention how long the broker keeps the records of the other topics this service creates (its event
 *     topic, its other dead-letter topics): they too carry some personal facts consumers need (the countries of a
 *     checklist, the reasoning of a decision), so they too are bounded far below any legal retention
 */
@ConfigurationProperties("aima.service")
public record PlatformProperties(
        String name,
        String topic,
        @DefaultValue List<String> restrictedTopics,
        @DefaultValue List<String> consumes,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("30s") Duration relayAckTimeout,
        @DefaultValue("30d") Duration restrictedTopicRetention,
        @DefaultValue("30d") Duration topicRetention) {}

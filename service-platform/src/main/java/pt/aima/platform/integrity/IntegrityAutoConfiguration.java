package pt.aima.platform.integrity;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import pt.aima.platform.PlatformAutoConfiguration;
import pt.aima.platform.PlatformProperties;
import pt.aima.platform.eventstore.StoredTypeSerializer;
import pt.aima.platform.privacy.sealing.SealingRun;
import pt.aima.platform.privacy.sealing.StoredPersonalDataSealing;

/**
 * Tamper evidence in every service: the chain trigger is in the schema (V1_11); this adds the signed checkpoints
 * (V1_12) every {@code aima.integrity.checkpoint-interval}, their topic, and {@code GET /audit/integrity}.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@EnableConfigurationProperties(IntegrityProperties.class)
public class IntegrityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntegrityAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    SigningKey checkpointSigningKey(IntegrityProperties integrity, PlatformProperties platform) {
        if (integrity.signingKey() != null && !integrity.signingKey().isBlank()) {
            return SigningKey.fromPem(integrity.signingKey());
        }
        Path file = integrity.keyFile(platform.name());
        SigningKey key = SigningKey.loadOrCreate(file, integrity.generateKey());
        log.info("checkpoint signing key {} from {}", key.keyId(), file);
        return key;
    }

    @Bean
    Checkpointer checkpointer(
            PlatformProperties platform,
            DataSource dataSource,
            SigningKey key,
            KafkaTemplate<String, byte[]> kafka,
            IntegrityProperties integrity) {
        String topic = Checkpoint.topic(platform.name());
        long timeout = platform.relayAckTimeout().toMillis();
        return new Checkpointer(
                platform.name(),
                dataSource,
                key,
                checkpoint -> kafka.send(topic, checkpoint.service(), checkpoint.toJson())
                        .get(timeout, TimeUnit.MILLISECONDS),
                integrity.gapRetention(),
                integrity.maxEventsPerCheckpoint());
    }

    /**
     * Encrypts the personal fields of events stored before the service encrypted them, in the background after start,
     * each batch signed as a {@link Reseal} ({@code aima.privacy.sealing.enabled}, default true).
     */
    @Bean
    @ConditionalOnProperty(name = "aima.privacy.sealing.enabled", havingValue = "true", matchIfMissing = true)
    StoredPersonalDataSealing storedPersonalDataSealing(
            PlatformProperties platform,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            SigningKey key,
            Environment environment) {
        if (!(eventSerializer instanceof StoredTypeSerializer stored)) {
            throw new IllegalStateException("the event serializer is not the platform's: " + eventSerializer);
        }
        return new StoredPersonalDataSealing(
                platform.name(),
                dataSource,
                transactions,
                stored,
                key,
                Clock.systemUTC(),
                environment.getProperty("aima.privacy.sealing.batch-size", Integer.class, 500));
    }

    /** Health component {@code personalDataSealing}: how far the sweep got. */
    @Bean
    @ConditionalOnProperty(name = "aima.privacy.sealing.enabled", havingValue = "true", matchIfMissing = true)
    SealingRun personalDataSealingHealthIndicator(StoredPersonalDataSealing sealing) {
        return new SealingRun(sealing, Duration.ofSeconds(30));
    }

    @Bean
    CheckpointSchedule checkpointSchedule(Checkpointer checkpointer, IntegrityProperties integrity) {
        return new CheckpointSchedule(checkpointer, integrity.checkpointInterval());
    }

    /** One partition (checkpoints are read in order) kept forever: the copy outside the database is the point. */
    @Bean
    KafkaAdmin.NewTopics checkpointTopic(PlatformProperties platform) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(Checkpoint.topic(platform.name()))
                .partitions(1)
                .replicas(platform.replicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"))
                .build());
    }

    @Bean
    @SuppressWarnings("unchecked")
    IntegrityController integrityController(
            PlatformProperties platform,
            DataSource dataSource,
            SigningKey key,
            ConsumerFactory<?, ?> consumers,
            IntegrityProperties integrity) {
        ConsumerFactory<String, byte[]> checkpointConsumers = (ConsumerFactory<String, byte[]>) consumers;
        String topic = Checkpoint.topic(platform.name());
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new IntegrityController(
                platform.name(),
                dataSource,
                key.publicKey(),
                () -> CheckpointTopic.read(
                        () -> checkpointConsumers.createConsumer(
                                platform.name() + "-integrity-reader", platform.name() + "-integrity", null, overrides),
                        topic,
                        integrity.kafkaReadTimeout()),
                integrity.checkpointLag());
    }
}

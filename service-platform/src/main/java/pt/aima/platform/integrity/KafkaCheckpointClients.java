package pt.aima.platform.integrity;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for checkpoint topics, for code that runs without Spring (the auditor's command-line tool,
 * tests): a reader that joins no group, and a publisher that waits for the broker's acknowledgement.
 */
public final class KafkaCheckpointClients {

    private KafkaCheckpointClients() {}

    public static Supplier<Consumer<String, byte[]>> readers(String bootstrapServers) {
        return () -> new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "aima-checkpoint-reader-" + UUID.randomUUID(),
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Publishes to {@link Checkpoint#topic} keyed by the service; close it when done. */
    public static final class Publisher implements CheckpointPublisher, AutoCloseable {

        private final Producer<String, byte[]> producer;

        public Publisher(String bootstrapServers) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }

        @Override
        public void publish(Checkpoint checkpoint) throws Exception {
            publish(Checkpoint.topic(checkpoint.service()), checkpoint.service(), checkpoint.toJson());
        }

        /** Any record on any topic (a test forging one). */
        public void publish(String topic, String key, byte[] value) throws Exception {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}

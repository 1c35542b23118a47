package pt.aima.infra;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** A single-node KRaft Kafka (the official apache/kafka image) in a Testcontainers container. */
final class ContainerKafka implements KafkaServer {

    static final String IMAGE = "apache/kafka:4.1.0";

    private final KafkaContainer container;

    ContainerKafka() {
        container = new KafkaContainer(DockerImageName.parse(IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(LocalInfrastructure.DEFAULT_PARTITIONS));
        container.start();
    }

    @Override
    public String kind() {
        return "Testcontainers " + IMAGE;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}

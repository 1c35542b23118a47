package pt.aima.infra;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker in this JVM: spring-kafka-test's KRaft broker (one combined broker and controller node),
 * topics created on first use with {@value LocalInfrastructure#DEFAULT_PARTITIONS} partitions. Its log directories
 * are made under {@code java.io.tmpdir} by Kafka's test kit.
 */
final class EmbeddedKafka implements KafkaServer {

    private final EmbeddedKafkaKraftBroker broker;

    EmbeddedKafka() {
        EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, LocalInfrastructure.DEFAULT_PARTITIONS);
        kraft.brokerProperty("auto.create.topics.enable", "true");
        kraft.brokerProperty("num.partitions", String.valueOf(LocalInfrastructure.DEFAULT_PARTITIONS));
        kraft.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kraft.brokerProperty("offsets.topic.replication.factor", "1");
        kraft.brokerProperty("transaction.state.log.replication.factor", "1");
        kraft.brokerProperty("transaction.state.log.min.isr", "1");
        kraft.afterPropertiesSet();
        this.broker = kraft;
    }

    @Override
    public String kind() {
        return "embedded KRaft broker";
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}

package pt.aima.infra;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker in this JVM: spring-kafka-test's KRaft broker (one combined broker and controller node),
 * topics created on first use with {@value LocalInfrastructure#DEFAULT_PARTITIONS} partitions. Its log directories
 * are made under {@code java.io.tmpdir} by Kafka's test kit.
 */
final class EmbeddedKafka implements KafkaServer {

    /**
     * How long a stop may take. When the JVM exits, Kafka's test kit deletes the broker's log directories in a
     * shutdown hook of its own, running beside ours; a broker whose directories are gone never finishes stopping (its
     * controller waits for them), and Surefire kills a test JVM whose exit takes 30 seconds.
     */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

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
        Thread stopper = new Thread(broker::destroy, "aima-kafka-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            log.warn("The Kafka broker did not stop within {}; it is left to the JVM's exit", STOP_TIMEOUT);
        }
    }
}

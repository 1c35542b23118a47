package pt.aima.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.platform.acting.ActingContext;

/**
 * The relay's promise, against a real broker: the batch's unit of work (which stores the processor's token) commits
 * only after the broker acknowledged its records, and rolls back when it did not.
 */
class KafkaEventRelayIT {

    private final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private final IntegrationEventTranslator translator =
            event -> event instanceof IntegrationEvent published ? List.of(published) : List.of();

    @Test
    void commitsTheBatchOnlyOnceTheBrokerAcknowledgedIt() {
        String topic = "relay-it-" + UUID.randomUUID();
        var relay = new KafkaEventRelay(
                "scheduling-service",
                translator,
                codec,
                template(LocalInfrastructure.shared().kafkaBootstrapServers(), 15_000),
                event -> topic,
                30_000);
        CaseId caseId = CaseId.newId();
        var message = GenericEventMessage.asEventMessage(new BiometricsCollected(caseId, "LISBOA-1"))
                .andMetaData(new ActingContext(
                                new pt.aima.kernel.envelope.Actor("caseworker-1", "CASEWORKER"), "corr-1", "req-1")
                        .asMetaData());

        AtomicBoolean committed = new AtomicBoolean();
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(message);
        batch.afterCommit(u -> committed.set(true));
        batch.execute(() -> relay.handle(message));

        assertThat(committed).isTrue();
        ConsumerRecord<String, byte[]> record;
        try (var kafka = IntegrationEventsClient.connect()) {
            record = kafka.awaitRecord(topic, any -> true);
        }
        assertThat(record.key()).isEqualTo(caseId.toString());
        assertThat(new String(
                        record.headers().lastHeader(Topics.HEADER_EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("BiometricsCollected");
        EventEnvelope<?> envelope = codec.decode(record.value());
        assertThat(envelope.eventId().toString())
                .as("the stored event's id, so a re-send is recognised")
                .isEqualTo(message.getIdentifier());
        assertThat(envelope.actor().subject()).isEqualTo("caseworker-1");
        assertThat(envelope.correlationId()).isEqualTo("corr-1");
        assertThat(envelope.causationId()).isEqualTo("req-1");
    }

    @Test
    void everyRecordIsACloudEventInKafkaBinaryModeWhoseDataIsTheEnvelope() {
        String topic = "relay-it-" + UUID.randomUUID();
        var relay = new KafkaEventRelay(
                "scheduling-service",
                translator,
                codec,
                template(LocalInfrastructure.shared().kafkaBootstrapServers(), 15_000),
                event -> topic,
                30_000);
        CaseId caseId = CaseId.newId();
        var message = GenericEventMessage.asEventMessage(new BiometricsCollected(caseId, "LISBOA-1"));

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(message);
        batch.execute(() -> relay.handle(message));

        ConsumerRecord<String, byte[]> record;
        try (var kafka = IntegrationEventsClient.connect()) {
            record = kafka.awaitRecord(topic, any -> true);
        }
        MessageReader reader = KafkaMessageFactory.createReader(record);
        assertThat(reader.getEncoding()).isEqualTo(Encoding.BINARY);
        CloudEvent event = reader.toEvent();
        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(event.getId()).isEqualTo(message.getIdentifier());
        assertThat(event.getSource()).isEqualTo(URI.create("/aima/scheduling-service"));
        assertThat(event.getType()).isEqualTo("pt.aima.scheduling.BiometricsCollected.v1");
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getTime().toInstant()).isEqualTo(message.getTimestamp());
        assertThat(event.getSubject()).isEqualTo(caseId.toString());
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getData()).isNotNull();
        EventEnvelope<?> envelope = codec.decode(event.getData().toBytes());
        assertThat(envelope.payload())
                .as("today's consumers read the same envelope")
                .isEqualTo(new BiometricsCollected(caseId, "LISBOA-1"));
        assertThat(envelope.eventId().toString()).isEqualTo(event.getId());
        assertThat(new CloudEventDeserializer().deserialize(topic, record.headers(), record.value()))
                .as("the SDK's Kafka deserializer reads the same event")
                .isEqualTo(event);
    }

    @Test
    void givesEachEventMadeFromOneStoredEventItsOwnStableId() {
        String topic = "relay-it-" + UUID.randomUUID();
        CaseId caseId = CaseId.newId();
        IntegrationEventTranslator twoFromOne = event ->
                List.of(new BiometricsCollected(caseId, "LISBOA-1"), new BiometricsCollected(caseId, "PORTO-1"));
        var relay = new KafkaEventRelay(
                "scheduling-service",
                twoFromOne,
                codec,
                template(LocalInfrastructure.shared().kafkaBootstrapServers(), 15_000),
                event -> topic,
                30_000);
        var message = GenericEventMessage.asEventMessage("stored");

        for (int delivery = 0; delivery < 2; delivery++) {
            UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(message);
            batch.execute(() -> relay.handle(message));
        }

        List<String> ids;
        try (var kafka = IntegrationEventsClient.connect()) {
            ids = kafka.awaitRecords(topic, any -> true, found -> found.size() == 4).stream()
                    .map(record -> codec.decode(record.value()).eventId().toString())
                    .toList();
        }
        assertThat(ids).hasSize(4);
        assertThat(ids.subList(0, 2)).as("two events, two ids").doesNotHaveDuplicates();
        assertThat(ids.subList(2, 4)).as("a re-send repeats the same ids").isEqualTo(ids.subList(0, 2));
        assertThat(ids.get(0)).isEqualTo(message.getIdentifier());
    }

    @Test
    void rollsTheBatchBackWhenTheBrokerDoesNotAcknowledge() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var relay = new KafkaEventRelay(
                "scheduling-service",
                translator,
                codec,
                template("127.0.0.1:" + closedPort, 1_000),
                event -> "nowhere",
                2_000);
        var message = GenericEventMessage.asEventMessage(new BiometricsCollected(CaseId.newId(), "LISBOA-1"));

        AtomicBoolean committed = new AtomicBoolean();
        AtomicBoolean rolledBack = new AtomicBoolean();
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(message);
        batch.afterCommit(u -> committed.set(true));
        batch.onRollback(u -> rolledBack.set(true));

        assertThatThrownBy(() -> batch.execute(() -> relay.handle(message)))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
                .isInstanceOf(KafkaEventRelay.RelayFailed.class);
        assertThat(committed).isFalse();
        assertThat(rolledBack).isTrue();
    }

    @Test
    void publishesNothingForEventsTheServiceKeepsToItself() {
        var relay = new KafkaEventRelay(
                "scheduling-service",
                event -> List.of(),
                codec,
                template("127.0.0.1:1", 1_000),
                event -> "nowhere",
                1_000);
        var message = GenericEventMessage.asEventMessage(Map.of("internal", LocalDate.now()));
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(message);
        AtomicBoolean committed = new AtomicBoolean();
        batch.afterCommit(u -> committed.set(true));
        batch.execute(() -> relay.handle(message));
        assertThat(committed).isTrue();
    }

    /** @param patience how long a send may wait for metadata and acknowledgement (a new topic is created on first use) */
    private static KafkaTemplate<String, byte[]> template(String bootstrap, int patience) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                patience,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                patience + 500,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                patience)));
    }
}

package pt.aima.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;

/**
 * Events of a type the translator keeps inside are passed by on their stored type name: the relay's processor does not
 * offer them to it, and nothing reads their payload. Shown with stored events whose payload cannot be read at all.
 */
class KafkaEventRelayKeptInsideTest {

    private final IntegrationEventTranslator keepsCollectedInside = new IntegrationEventTranslator() {
        @Override
        public List<IntegrationEvent> translate(Object internalEvent) {
            return List.of();
        }

        @Override
        public Set<Class<?>> keptInside() {
            return Set.of(BiometricsCollected.class);
        }
    };

    private final KafkaEventRelay relay = new KafkaEventRelay(
            "scheduling-service",
            keepsCollectedInside,
            IntegrationEventCodec.platform(),
            new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "127.0.0.1:1",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class))),
            event -> "nowhere",
            1_000);

    @Test
    void passesByAKeptTypeWithoutReadingItsPayload() {
        EventMessage<?> kept = unreadable(BiometricsCollected.class);

        assertThat(relay.canHandle(kept)).isFalse();
        assertThat(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(relay)
                        .build()
                        .canHandle(kept, Segment.ROOT_SEGMENT))
                .as("the processor's invoker asks the relay, and skips the event")
                .isFalse();
        assertThatCode(() -> relay.handle(kept))
                .as("even if offered, nothing is read")
                .doesNotThrowAnyException();
    }

    @Test
    void readsEveryOtherTypeAndOffersItToTheTranslator() {
        EventMessage<?> other = unreadable(BiometricSlotAssigned.class);

        assertThat(relay.canHandle(other)).isTrue();
        assertThatThrownBy(() -> relay.handle(other))
                .as("its payload is read, and this one cannot be")
                .isInstanceOf(SerializationException.class);
    }

    /** A stored event of the type whose payload bytes are not JSON: reading it fails, naming its type does not. */
    private static EventMessage<?> unreadable(Class<?> type) {
        var serializer = JacksonSerializer.defaultSerializer();
        var payload = new SimpleSerializedObject<>(
                "{not json".getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(type.getName(), null));
        var metaData = new SimpleSerializedObject<>(
                "{}".getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(org.axonframework.messaging.MetaData.class.getName(), null));
        return new GenericEventMessage<>(
                new SerializedMessage<>(UUID.randomUUID().toString(), payload, metaData, serializer), Instant::now);
    }
}

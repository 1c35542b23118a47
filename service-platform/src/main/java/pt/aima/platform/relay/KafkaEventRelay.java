package pt.aima.platform.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.observability.CaseTracing;

/**
 * Publishes the service's integration events, reading its own event store as the outbox.
 *
 * <p>Records of one batch are sent without waiting for each other, and the batch's transaction, which also stores
 * the processor's token, commits only once the broker acknowledged every one of them. A crash or a broker outage
 * therefore re-sends, never loses: consumers deduplicate on the event id, which is the stored event's own id. Records
 * are keyed by case id, so one case's events stay in order on one partition. Each record carries the platform's own
 * headers and the CloudEvents binary-mode ones ({@link CloudEventsHeaders}); its value is the envelope.
 *
 * <p>A record is sent with its case named on the current span (the event processor's, continuing the trace of the
 * command that caused the event), so the template's observation writes the W3C {@code traceparent} and the case's
 * baggage into the record's headers. Acknowledged records are counted ({@code aima.relay.published}).
 *
 * <p>Events of a type the translator keeps inside ({@link IntegrationEventTranslator#keptInside()}) are not the relay's
 * to handle: the processor passes them by on their stored type name, without deserialising them, opening a unit of
 * work or a span. The relay is a plain {@link EventMessageHandler} for that reason (an annotated handler of {@code
 * Object} would be offered, and would read, every event); the platform registers it with its processing group.
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "kafka-relay";

    private static final Logger log = LoggerFactory.getLogger(KafkaEventRelay.class);
    private static final String PENDING_SENDS = KafkaEventRelay.class.getName() + ".pending";

    private final IntegrationEventTranslator translator;
    private final IntegrationEventCodec codec;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Function<IntegrationEvent, String> topicOf;
    private final long ackTimeoutMillis;
    private final String service;
    private final CaseTracing tracing;
    private final MeterRegistry meters;
    private final Map<String, Counter> acknowledged = new ConcurrentHashMap<>();
    private final Set<Class<?>> keptInside;

    /** @param service the publishing service's name, the records' CloudEvents source */
    public KafkaEventRelay(
            String service,
            IntegrationEventTranslator translator,
            IntegrationEventCodec codec,
            KafkaTemplate<String, byte[]> kafka,
            Function<IntegrationEvent, String> topicOf,
            long ackTimeoutMillis) {
        this(
                service,
                translator,
                codec,
                kafka,
                topicOf,
                ackTimeoutMillis,
                CaseTracing.none(),
                new SimpleMeterRegistry());
    }

    /**
     * @param tracing names each record's case on the span it is sent in
     * @param meters where acknowledged records are counted
     */
    public KafkaEventRelay(
            String service,
            IntegrationEventTranslator translator,
            IntegrationEventCodec codec,
            KafkaTemplate<String, byte[]> kafka,
            Function<IntegrationEvent, String> topicOf,
            long ackTimeoutMillis,
            CaseTracing tracing,
            MeterRegistry meters) {
        this.tracing = tracing;
        this.meters = meters;
        this.translator = translator;
        this.codec = codec;
        this.kafka = kafka;
        this.topicOf = topicOf;
        this.ackTimeoutMillis = ackTimeoutMillis;
        this.service = service;
        this.keptInside = Set.copyOf(translator.keptInside());
    }

    /** Whether the event may become an integration event, decided on its stored type alone (nothing deserialised). */
    @Override
    public boolean canHandle(EventMessage<?> message) {
        return canHandleType(message.getPayloadType());
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return !keptInside.contains(payloadType);
    }

    @Override
    public Object handle(EventMessage<?> message) {
        if (!canHandle(message)) {
            return null;
        }
        List<IntegrationEvent> published = translator.translate(message.getPayload());
        for (int index = 0; index < published.size(); index++) {
            send(published.get(index), publishedEventId(message, index), message);
        }
        return null;
    }

    /**
     * The id consumers deduplicate on: stable across re-sends, distinct per published event. The first integration
     * event made from a stored event carries the stored event's own id (auditors can follow it back); any further one
     * a name-based id derived from it and its position, which the same translation always reproduces.
     */
    static UUID publishedEventId(EventMessage<?> message, int index) {
        return index == 0
                ? UUID.fromString(message.getIdentifier())
                : UUID.nameUUIDFromBytes((message.getIdentifier() + "#" + index).getBytes(StandardCharsets.UTF_8));
    }

    private void send(IntegrationEvent published, UUID eventId, EventMessage<?> message) {
        ActingContext context = ActingContext.from(message.getMetaData(), message.getIdentifier());
        EventEnvelope<IntegrationEvent> envelope = EventEnvelope.wrap(
                eventId,
                message.getTimestamp(),
                context.actor(),
                context.correlationId(),
                context.causationId(),
                published);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topicOf.apply(published), envelope.caseId().toString(), codec.encode(envelope));
        record.headers().add(Topics.HEADER_EVENT_ID, bytes(envelope.eventId().toString()));
        record.headers().add(Topics.HEADER_EVENT_TYPE, bytes(envelope.type()));
        record.headers().add(Topics.HEADER_SCHEMA_VERSION, bytes(Integer.toString(envelope.version())));
        CloudEventsHeaders.add(record.headers(), envelope, service);
        Counter acknowledged = acknowledgedCounter(record.topic(), envelope.type());
        try (CaseTracing.Scope named = tracing.nameCase(envelope.caseId().toString(), envelope.correlationId())) {
            CompletableFuture<?> sent = kafka.send(record);
            sent.thenRun(acknowledged::increment);
            pendingSendsOfThisBatch().add(sent);
        } catch (RuntimeException e) {
            throw new RelayFailed("could not hand the record to the producer", e);
        }
    }

    private Counter acknowledgedCounter(String topic, String type) {
        return acknowledged.computeIfAbsent(topic + ' ' + type, key -> Counter.builder("aima.relay.published")
                .description("integration events the broker acknowledged")
                .tag("topic", topic)
                .tag("type", type)
                .register(meters));
    }

    private List<CompletableFuture<?>> pendingSendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(pending));
            return pending;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> pending) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailed("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Broker did not acknowledge {} record(s); the batch will be retried", pending.size());
            throw new RelayFailed("broker did not acknowledge the batch", e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The batch was not acknowledged: its transaction rolls back, the token stays, the batch is sent again. */
    public static class RelayFailed extends RuntimeException {
        RelayFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

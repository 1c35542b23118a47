package pt.aima.platform.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.codec.MalformedEventException;
import pt.aima.kernel.codec.UnknownEventTypeException;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.observability.CaseTracing;

/**
 * Applies an integration event exactly once. The inbox row (consumer, event id) and the effect commit in one
 * transaction, so a redelivered record, a rebalance or a restart between the commit and the offset commit finds the
 * row and does nothing.
 *
 * <p>Event types the service does not subscribe to are skipped without a trace: publishers may add types at any
 * time. A record that cannot be read, or an unknown version of a subscribed type, throws {@link
 * MalformedEventException}, which the listener's error handler sends to the dead-letter topic at once.
 *
 * <p>The effect runs with the event's case and correlation ids on the listener's span (which continues the
 * publisher's trace from the record's headers) and in the log MDC, so the commands it sends carry them onward. What
 * happens to each subscribed event is counted ({@code aima.inbox.events}, outcome applied or duplicate).
 */
public class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final IntegrationEventCodec codec;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String consumer;
    private final CaseTracing tracing;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public InboundEvents(
            IntegrationEventCodec codec, JdbcClient jdbc, TransactionTemplate transaction, String consumer) {
        this(codec, jdbc, transaction, consumer, CaseTracing.none(), new SimpleMeterRegistry());
    }

    public InboundEvents(
            IntegrationEventCodec codec,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            String consumer,
            CaseTracing tracing,
            MeterRegistry meters) {
        this.tracing = tracing;
        this.meters = meters;
        this.codec = codec;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.consumer = consumer;
    }

    /**
     * @param subscribedTypes logical type names this consumer acts on
     * @param effect what the event causes, run inside the inbox transaction
     * @return whether the effect ran (false: skipped, or already processed)
     */
    public boolean process(
            ConsumerRecord<String, byte[]> record,
            Set<String> subscribedTypes,
            Consumer<EventEnvelope<IntegrationEvent>> effect) {
        String typeHeader = header(record, Topics.HEADER_EVENT_TYPE);
        if (typeHeader != null && !subscribedTypes.contains(typeHeader)) {
            return false;
        }
        EventEnvelope<IntegrationEvent> envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (UnknownEventTypeException e) {
            if (!subscribedTypes.contains(e.type())) {
                return false;
            }
            throw e;
        }
        if (!subscribedTypes.contains(envelope.type())) {
            return false;
        }
        if (record.key() == null || !record.key().equals(envelope.caseId().toString())) {
            throw new MalformedEventException(
                    "record key " + record.key() + " is not the envelope's case id " + envelope.caseId());
        }
        Boolean applied;
        try (CaseTracing.Scope named = tracing.nameCase(envelope.caseId().toString(), envelope.correlationId())) {
            applied = transaction.execute(status -> {
                if (!firstDelivery(envelope)) {
                    return false;
                }
                effect.accept(envelope);
                return true;
            });
        }
        counter(envelope.type(), Boolean.TRUE.equals(applied) ? "applied" : "duplicate")
                .increment();
        if (!Boolean.TRUE.equals(applied)) {
            log.debug("{} {} already processed by {}", envelope.type(), envelope.eventId(), consumer);
        }
        return Boolean.TRUE.equals(applied);
    }

    /** The counter of one type and outcome, looked up in the registry once rather than on every record. */
    private Counter counter(String type, String outcome) {
        return counters.computeIfAbsent(type + ' ' + outcome, key -> Counter.builder("aima.inbox.events")
                .description("subscribed integration events received, by what became of them")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(meters));
    }

    private boolean firstDelivery(EventEnvelope<?> envelope) {
        return jdbc.sql(
                                """
                        insert into inbox (consumer, event_id, event_type, case_id, processed_at)
                        values (:consumer, :eventId, :type, :caseId, now())
                        on conflict do nothing
                        """)
                        .param("consumer", consumer)
                        .param("eventId", envelope.eventId())
                        .param("type", envelope.type())
                        .param("caseId", envelope.caseId().value())
                        .update()
                == 1;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

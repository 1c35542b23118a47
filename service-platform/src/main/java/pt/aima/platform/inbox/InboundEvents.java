package pt.aima.platform.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.codec.MalformedEventException;
import pt.aima.kernel.codec.UnknownEventTypeException;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.observability.CaseTracing;
import pt.aima.platform.observability.CaseTracing.Scope;

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
 *
 * <p>A batch listener hands over a whole poll with {@link #processAll}: its records are applied in chunks of
 * {@link #CHUNK} records, each chunk one transaction (an inbox row per record and every effect), so a busy consumer
 * commits once per chunk instead of once per record. A chunk that fails is rolled back and its records applied one at
 * a time, each in a transaction of its own, exactly as {@link #process} does: one record that cannot be applied holds
 * back none of the others, and it alone reaches the error handler, as a {@link BatchListenerFailedException} naming
 * its place in the poll (the handler commits the offsets before it, retries or dead-letters it, and hands the rest of
 * the poll back to the listener).
 */
public class InboundEvents {

    /**
     * Records applied in one transaction, at most: a chunk holds its events' sequence numbers until it commits, and
     * event processors wait on such gaps (and give up on them after a timeout), so a chunk must stay short.
     */
    public static final int CHUNK = 100;

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
        return processAlone(record, subscribedTypes, effect, Scope.NOTHING);
    }

    private boolean processAlone(
            ConsumerRecord<String, byte[]> record,
            Set<String> subscribedTypes,
            Consumer<EventEnvelope<IntegrationEvent>> effect,
            Scope traced) {
        try (traced) {
            EventEnvelope<IntegrationEvent> envelope = subscribed(record, subscribedTypes);
            if (envelope == null) {
                return false;
            }
            Boolean applied = transaction.execute(status -> applyOnce(envelope, effect));
            counted(envelope, Boolean.TRUE.equals(applied));
            return Boolean.TRUE.equals(applied);
        }
    }

    /**
     * Applies a poll's records in order, a chunk of them per transaction (see the class comment).
     *
     * @param effect what an event causes, given its record too, run inside the inbox transaction
     * @return how many effects ran (records skipped or already processed do not count)
     * @throws BatchListenerFailedException for the first record that could not be applied on its own, after the
     *     records before it have committed
     */
    public int processAll(
            List<ConsumerRecord<String, byte[]>> records,
            Set<String> subscribedTypes,
            BiConsumer<ConsumerRecord<String, byte[]>, EventEnvelope<IntegrationEvent>> effect) {
        if (log.isDebugEnabled()) {
            log.debug(
                    "{}: a poll of {} records: {}",
                    consumer,
                    records.size(),
                    records.stream()
                            .map(record -> record.topic() + "-" + record.partition() + "@" + record.offset())
                            .toList());
        }
        int applied = 0;
        for (int start = 0; start < records.size(); start += CHUNK) {
            List<ConsumerRecord<String, byte[]>> chunk =
                    records.subList(start, Math.min(records.size(), start + CHUNK));
            Integer inOneTransaction = chunk.size() > 1 ? inOneTransaction(chunk, subscribedTypes, effect) : null;
            applied += inOneTransaction != null ? inOneTransaction : oneByOne(chunk, start, subscribedTypes, effect);
        }
        return applied;
    }

    /** The chunk in one transaction; null if it failed (and rolled back), so its records must go one by one. */
    private Integer inOneTransaction(
            List<ConsumerRecord<String, byte[]>> chunk,
            Set<String> subscribedTypes,
            BiConsumer<ConsumerRecord<String, byte[]>, EventEnvelope<IntegrationEvent>> effect) {
        List<EventEnvelope<IntegrationEvent>> envelopes = new ArrayList<>(chunk.size());
        List<Boolean> outcomes;
        try {
            outcomes = transaction.execute(status -> {
                List<Boolean> applied = new ArrayList<>(chunk.size());
                for (ConsumerRecord<String, byte[]> record : chunk) {
                    try (Scope traced = continueTrace(record)) {
                        EventEnvelope<IntegrationEvent> envelope = subscribed(record, subscribedTypes);
                        if (envelope != null) {
                            envelopes.add(envelope);
                            applied.add(applyOnce(envelope, e -> effect.accept(record, e)));
                        }
                    }
                }
                return applied;
            });
        } catch (RuntimeException e) {
            log.info(
                    "A chunk of {} records failed together ({}); applying them one by one", chunk.size(), e.toString());
            return null;
        }
        int applied = 0;
        for (int i = 0; i < envelopes.size(); i++) {
            boolean ran = Boolean.TRUE.equals(outcomes.get(i));
            counted(envelopes.get(i), ran);
            applied += ran ? 1 : 0;
        }
        log.debug(
                "{}: a chunk of {} records committed: {} applied, {} already processed, {} not subscribed",
                consumer,
                chunk.size(),
                applied,
                envelopes.size() - applied,
                chunk.size() - envelopes.size());
        return applied;
    }

    private int oneByOne(
            List<ConsumerRecord<String, byte[]>> chunk,
            int offsetInPoll,
            Set<String> subscribedTypes,
            BiConsumer<ConsumerRecord<String, byte[]>, EventEnvelope<IntegrationEvent>> effect) {
        int applied = 0;
        for (int i = 0; i < chunk.size(); i++) {
            ConsumerRecord<String, byte[]> record = chunk.get(i);
            try {
                applied += processAlone(record, subscribedTypes, e -> effect.accept(record, e), continueTrace(record))
                        ? 1
                        : 0;
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(
                        consumer + " could not apply " + record.topic() + "-" + record.partition() + "@"
                                + record.offset(),
                        e,
                        offsetInPoll + i);
            }
        }
        return applied;
    }

    /** The record's envelope if this consumer subscribes to its type, else null; throws if it cannot be read. */
    private EventEnvelope<IntegrationEvent> subscribed(
            ConsumerRecord<String, byte[]> record, Set<String> subscribedTypes) {
        String typeHeader = header(record, Topics.HEADER_EVENT_TYPE);
        if (typeHeader != null && !subscribedTypes.contains(typeHeader)) {
            return null;
        }
        EventEnvelope<IntegrationEvent> envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (UnknownEventTypeException e) {
            if (!subscribedTypes.contains(e.type())) {
                return null;
            }
            throw e;
        }
        if (!subscribedTypes.contains(envelope.type())) {
            return null;
        }
        if (record.key() == null || !record.key().equals(envelope.caseId().toString())) {
            throw new MalformedEventException(
                    "record key " + record.key() + " is not the envelope's case id " + envelope.caseId());
        }
        return envelope;
    }

    /** Inside the caller's transaction: the effect, unless this consumer's inbox already holds the event. */
    private boolean applyOnce(
            EventEnvelope<IntegrationEvent> envelope, Consumer<EventEnvelope<IntegrationEvent>> effect) {
        try (CaseTracing.Scope named = tracing.nameCase(envelope.caseId().toString(), envelope.correlationId())) {
            if (!firstDelivery(envelope)) {
                return false;
            }
            effect.accept(envelope);
            return true;
        }
    }

    /**
     * A span for one record of a poll, continuing the publisher's trace from the record's headers: Kafka's observation
     * does that for a record listener, not for each record of a batch.
     */
    private Scope continueTrace(ConsumerRecord<String, byte[]> record) {
        Map<String, String> context = new HashMap<>();
        for (String field : List.of(CaseTracing.TRACEPARENT, CaseTracing.BAGGAGE)) {
            String value = header(record, field);
            if (value != null) {
                context.put(field, value);
            }
        }
        return tracing.continueTrace(context, record.topic() + " receive");
    }

    private void counted(EventEnvelope<IntegrationEvent> envelope, boolean applied) {
        counter(envelope.type(), applied ? "applied" : "duplicate").increment();
        if (!applied) {
            log.debug("{} {} already processed by {}", envelope.type(), envelope.eventId(), consumer);
        }
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

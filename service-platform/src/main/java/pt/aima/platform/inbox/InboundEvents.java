package pt.aima.platform.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
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
        EventEnvelope<IntegrationEvent> envelope = read(record, subscribedTypes);
        if (envelope == null) {
            return false;
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
        counted(envelope, Boolean.TRUE.equals(applied));
        return Boolean.TRUE.equals(applied);
    }

    /** What a batch of records causes: prepared once for the events about to be applied, then each applied in turn. */
    public interface BatchEffect {

        /**
         * Runs first in the batch's transaction with every event about to be applied (each a first delivery), in the
         * order they will be applied: to take the locks they need in one statement and in an order that cannot
         * deadlock, for instance.
         */
        default void prepare(List<EventEnvelope<IntegrationEvent>> events) {}

        /** What one event causes, in the batch's transaction. */
        void apply(ConsumerRecord<String, byte[]> record, EventEnvelope<IntegrationEvent> event);

        /**
         * Runs last in the batch's transaction, after every event was applied: to do once for the batch what its
         * events share (write each case's rows once, however many of its events the batch holds, for instance); it
         * runs under no record's span, since it does the work of several. A failure here rolls the batch back and has
         * it applied again one record at a time, which names the record.
         */
        default void complete() {}
    }

    /**
     * Applies a poll's records exactly once, in one transaction: one multi-row inbox insert tells the first deliveries
     * from the redeliveries, and each first delivery's effect runs in the records' order, under the span of the trace
     * its record continues and with its case named. A record that cannot be read, or whose effect fails, is isolated:
     * the transaction is rolled back, the records before it are applied again in a transaction of their own and
     * committed, and a {@link BatchListenerFailedException} names the failed record, so the listener's error handler
     * deals with it alone (dead-letters it at once, retries it, or waits for the database) and the records after it
     * come again in the next poll. A transaction that fails as a whole (it cannot start, its effect's {@link
     * BatchEffect#complete} fails, or its commit fails) is applied again one record at a time, which names the record
     * that fails, if any.
     *
     * @param subscribedTypes logical type names this consumer acts on
     * @return how many effects ran and committed
     * @throws BatchListenerFailedException after the records before the failed one have committed
     */
    public int processAll(
            List<ConsumerRecord<String, byte[]>> records, Set<String> subscribedTypes, BatchEffect effect) {
        List<Inbound> readable = new ArrayList<>(records.size());
        FailedRecord failed = null;
        for (int index = 0; index < records.size() && failed == null; index++) {
            ConsumerRecord<String, byte[]> record = records.get(index);
            try {
                EventEnvelope<IntegrationEvent> envelope = read(record, subscribedTypes);
                if (envelope != null) {
                    readable.add(new Inbound(index, record, envelope));
                }
            } catch (RuntimeException unreadable) {
                failed = new FailedRecord(index, unreadable);
            }
        }
        Outcome outcome = applyIsolating(readable, effect, failed);
        Set<UUID> first = new HashSet<>();
        outcome.applied().forEach(in -> first.add(in.envelope().eventId()));
        for (Inbound in : outcome.committed()) {
            counted(in.envelope(), first.remove(in.envelope().eventId()));
        }
        if (outcome.failed() != null) {
            int index = outcome.failed().index;
            ConsumerRecord<String, byte[]> record = records.get(index);
            throw new BatchListenerFailedException(
                    record.topic() + "-" + record.partition() + "@" + record.offset() + " failed",
                    outcome.failed().getCause(),
                    index);
        }
        return outcome.applied().size();
    }

    /**
     * What applying a batch came to: the records committed (in order), those of them whose effects ran (first
     * deliveries), and the first record that failed, if any (the records from it on were not applied).
     */
    private record Outcome(List<Inbound> committed, List<Inbound> applied, FailedRecord failed) {}

    /**
     * Applies {@code batch} in one transaction; when a record fails, the records before it in one more, and so on
     * until a transaction commits. {@code failedLater} is a failure of a record after the batch (one that could not be
     * read), reported when nothing in the batch fails.
     */
    private Outcome applyIsolating(List<Inbound> batch, BatchEffect effect, FailedRecord failedLater) {
        List<Inbound> attempt = batch;
        FailedRecord failed = failedLater;
        while (true) {
            try {
                return new Outcome(attempt, applyAll(attempt, effect), failed);
            } catch (FailedRecord failure) {
                failed = failure;
                attempt = attempt.stream()
                        .filter(in -> in.index() < failure.index)
                        .toList();
            } catch (RuntimeException whole) {
                // the transaction failed as a whole (starting it, the effect's complete, or its commit): one record
                // at a time finds the record it was, if any, and commits the ones before it
                log.debug(
                        "{}: a batch of {} failed as a whole, applying it one record at a time",
                        consumer,
                        attempt.size(),
                        whole);
                return oneAtATime(attempt, effect, failed);
            }
        }
    }

    /** Applies each record of {@code batch} in a transaction of its own, up to the first that fails. */
    private Outcome oneAtATime(List<Inbound> batch, BatchEffect effect, FailedRecord failedLater) {
        List<Inbound> applied = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Inbound in = batch.get(i);
            try {
                applied.addAll(applyAll(List.of(in), effect));
            } catch (RuntimeException failure) {
                FailedRecord failed =
                        failure instanceof FailedRecord named ? named : new FailedRecord(in.index(), failure);
                return new Outcome(batch.subList(0, i), applied, failed);
            }
        }
        return new Outcome(batch, applied, failedLater);
    }

    /** A readable record of a batch: where it was in the poll, and its envelope. */
    private record Inbound(
            int index, ConsumerRecord<String, byte[]> record, EventEnvelope<IntegrationEvent> envelope) {}

    /** The record at {@code index} of a batch failed; thrown out of the batch's transaction to roll it back. */
    private static final class FailedRecord extends RuntimeException {
        private final int index;

        FailedRecord(int index, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
        }
    }

    /**
     * The first deliveries of {@code batch} applied and committed, in one transaction; nothing when {@code batch} is
     * empty.
     *
     * @throws FailedRecord naming the record whose effect failed (the transaction rolled back)
     */
    private List<Inbound> applyAll(List<Inbound> batch, BatchEffect effect) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return transaction.execute(status -> {
            List<Inbound> first;
            try {
                first = firstDeliveries(batch);
                effect.prepare(first.stream().map(Inbound::envelope).toList());
            } catch (RuntimeException e) {
                throw new FailedRecord(batch.getFirst().index(), e);
            }
            for (Inbound in : first) {
                EventEnvelope<IntegrationEvent> envelope = in.envelope();
                try (CaseTracing.Scope span = tracing.continueTrace(traceHeaders(in.record()), consumer + " apply");
                        CaseTracing.Scope named =
                                tracing.nameCase(envelope.caseId().toString(), envelope.correlationId())) {
                    effect.apply(in.record(), envelope);
                } catch (RuntimeException e) {
                    throw new FailedRecord(in.index(), e);
                }
            }
            // not a FailedRecord: what fails here is the batch's, found by applying it one record at a time
            effect.complete();
            return first;
        });
    }

    /**
     * The records of {@code batch} whose events this consumer has not applied before, in order, each event once (the
     * same event can come twice in one poll), with their inbox rows inserted: one statement for the whole batch.
     */
    private List<Inbound> firstDeliveries(List<Inbound> batch) {
        Set<UUID> inserted = new HashSet<>(jdbc.sql(
                        """
                        insert into inbox (consumer, event_id, event_type, case_id, processed_at)
                        select :consumer, event_id, event_type, case_id, now()
                        from unnest(cast(string_to_array(:eventIds, ',') as uuid[]),
                                    string_to_array(:types, ','),
                                    cast(string_to_array(:caseIds, ',') as uuid[])) as batch(event_id, event_type, case_id)
                        on conflict do nothing
                        returning event_id
                        """)
                .param("consumer", consumer)
                .param("eventIds", joined(batch, in -> in.envelope().eventId().toString()))
                .param("types", joined(batch, in -> in.envelope().type()))
                .param(
                        "caseIds",
                        joined(batch, in -> in.envelope().caseId().value().toString()))
                .query(UUID.class)
                .list());
        List<Inbound> first = new ArrayList<>(inserted.size());
        for (Inbound in : batch) {
            if (inserted.remove(in.envelope().eventId())) {
                first.add(in);
            }
        }
        return first;
    }

    private static String joined(List<Inbound> batch, Function<Inbound, String> value) {
        return batch.stream().map(value).collect(Collectors.joining(","));
    }

    /** The record's trace context (W3C {@code traceparent} and {@code baggage} headers), for its span to continue. */
    private static Map<String, String> traceHeaders(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>(4);
        for (String name : List.of(CaseTracing.TRACEPARENT, CaseTracing.BAGGAGE)) {
            String value = header(record, name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    /**
     * The record's envelope, or null when it is of a type this consumer does not subscribe to.
     *
     * @throws MalformedEventException when it cannot be read, is an unknown version of a subscribed type, or its key
     *     is not its case id
     */
    private EventEnvelope<IntegrationEvent> read(ConsumerRecord<String, byte[]> record, Set<String> subscribedTypes) {
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

    private void counted(EventEnvelope<?> envelope, boolean applied) {
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

package pt.aima.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
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

/**
 * Applies an integration event exactly once. The inbox row (consumer, event id) and the effect commit in one
 * transaction, so a redelivered record, a rebalance or a restart between the commit and the offset commit finds the
 * row and does nothing.
 *
 * <p>Event types the service does not subscribe to are skipped without a trace: publishers may add types at any
 * time. A record that cannot be read, or an unknown version of a subscribed type, throws {@link
 * MalformedEventException}, which the listener's error handler sends to the dead-letter topic at once.
 */
public class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final IntegrationEventCodec codec;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String consumer;

    public InboundEvents(
            IntegrationEventCodec codec, JdbcClient jdbc, TransactionTemplate transaction, String consumer) {
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
        EventEnvelope<IntegrationEvent> envelope = subscribed(record, subscribedTypes);
        if (envelope == null) {
            return false;
        }
        Boolean applied = transaction.execute(status -> applyOnce(envelope, effect));
        return Boolean.TRUE.equals(applied);
    }

    /**
     * Applies a poll's records in order, all in one transaction: one commit for the batch instead of one per record.
     * If any of them fails, the batch rolls back whole and its records are applied again one by one, each in its own
     * transaction; the first that fails again is reported with its index ({@link BatchListenerFailedException}), so
     * the container commits the offsets before it, hands that record to the error handler (dead letter, or waiting
     * out the database) and polls the rest again. The inbox makes the replay of what had already committed harmless.
     */
    public void processAll(
            List<ConsumerRecord<String, byte[]>> records,
            Set<String> subscribedTypes,
            Consumer<EventEnvelope<IntegrationEvent>> effect) {
        try {
            transaction.executeWithoutResult(status -> {
                for (ConsumerRecord<String, byte[]> record : records) {
                    EventEnvelope<IntegrationEvent> envelope = subscribed(record, subscribedTypes);
                    if (envelope != null) {
                        applyOnce(envelope, effect);
                    }
                }
            });
            return;
        } catch (RuntimeException e) {
            log.debug(
                    "{}: a batch of {} records rolled back ({}); applying them one by one",
                    consumer,
                    records.size(),
                    e.toString());
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                process(records.get(i), subscribedTypes, effect);
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(DeadLetterErrorHandlerFactory.reason(e), e, i);
            }
        }
    }

    /** The record's envelope if this consumer acts on its type; null if it is skipped. */
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

    /** In the caller's transaction: the inbox row, then the effect, unless the row was there already. */
    private boolean applyOnce(
            EventEnvelope<IntegrationEvent> envelope, Consumer<EventEnvelope<IntegrationEvent>> effect) {
        if (!firstDelivery(envelope)) {
            log.debug("{} {} already processed by {}", envelope.type(), envelope.eventId(), consumer);
            return false;
        }
        effect.accept(envelope);
        return true;
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

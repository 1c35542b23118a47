package pt.aima.platform.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The processing groups' dead-letter queues (Axon's JDBC queue, table {@code dead_letter_entry}; its times are Axon's
 * ISO-8601 text). Counting and reading go straight to the table; retrying and discarding go through Axon, which owns
 * the queue's claims and ordering.
 *
 * <p>A group's queue holds sequences (one per case, by the default sequencing policy): once an event of a case is
 * parked, the case's later events queue up behind it, so a retry always starts at the first entry of a sequence and
 * carries on through the rest until one fails again.
 */
public class ProcessingGroupDeadLetters {

    /** One parked event, as stored. */
    public record Entry(
            String id,
            String group,
            String sequenceIdentifier,
            long sequenceIndex,
            String eventIdentifier,
            String aggregateIdentifier,
            Long sequenceNumber,
            String payloadType,
            String eventTimestamp,
            byte[] payload,
            Instant enqueuedAt,
            Instant lastTouched,
            String causeType,
            String causeMessage) {}

    /** How many entries a group holds for one reason (the cause's class). */
    public record Count(String group, String causeType, long count) {}

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;

    public ProcessingGroupDeadLetters(JdbcClient jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /**
     * The table {@code dead_letter_entry} (V1_2) for Axon's JDBC queue: the columns Axon's JPA queue used, so letters
     * it parked are read and retried as before; the times are Axon's ISO-8601 text since V1_42.
     */
    public static DeadLetterSchema schema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** The processing groups that have a dead-letter queue. */
    public List<String> groups() {
        return new TreeSet<>(processing.eventProcessors().keySet())
                .stream()
                        .filter(group -> processing.deadLetterQueue(group).isPresent())
                        .toList();
    }

    public List<Count> counts() {
        return jdbc.sql(
                        """
                        select processing_group, coalesce(cause_type, 'unknown') as cause_type, count(*) as entries
                        from dead_letter_entry group by 1, 2 order by 1, 2
                        """)
                .query((rs, row) ->
                        new Count(rs.getString("processing_group"), rs.getString("cause_type"), rs.getLong("entries")))
                .list();
    }

    public Optional<Entry> find(String id) {
        return jdbc.sql(
                        """
                        select dead_letter_id, processing_group, sequence_identifier, sequence_index, event_identifier,
                               aggregate_identifier, sequence_number, payload_type, time_stamp, payload, enqueued_at,
                               last_touched, cause_type, cause_message
                        from dead_letter_entry where dead_letter_id = :id
                        """)
                .param("id", id)
                .query((rs, row) -> new Entry(
                        rs.getString("dead_letter_id"),
                        rs.getString("processing_group"),
                        rs.getString("sequence_identifier"),
                        rs.getLong("sequence_index"),
                        rs.getString("event_identifier"),
                        rs.getString("aggregate_identifier"),
                        rs.getObject("sequence_number", Long.class),
                        rs.getString("payload_type"),
                        rs.getString("time_stamp"),
                        rs.getBytes("payload"),
                        instant(rs.getString("enqueued_at")),
                        instant(rs.getString("last_touched")),
                        rs.getString("cause_type"),
                        rs.getString("cause_message")))
                .optional();
    }

    /** The entry a retry of {@code entry} must start at: the first of its sequence. */
    public String firstOfSequence(Entry entry) {
        return jdbc.sql(
                        """
                        select dead_letter_id from dead_letter_entry
                        where processing_group = :group and sequence_identifier = :sequence
                        order by sequence_index limit 1
                        """)
                .param("group", entry.group())
                .param("sequence", entry.sequenceIdentifier())
                .query(String.class)
                .single();
    }

    public boolean exists(String id) {
        return jdbc.sql("select count(*) from dead_letter_entry where dead_letter_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Has the group's handlers process the sequence {@code entry} heads, through the group's own dead-letter processor
     * (its handlers, interceptors and transaction). Each letter handled is evicted; the first that fails again is put
     * back with the new cause, and the rest stay behind it.
     *
     * @return whether {@code entry} itself was handled (it left the queue)
     */
    public boolean retry(Entry entry) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(entry.group())
                .orElseThrow(() -> new IllegalStateException("group " + entry.group() + " has no dead-letter queue"));
        processor.process(letter -> letter instanceof JdbcDeadLetter<?> stored
                && stored.getIdentifier().equals(entry.id()));
        return !exists(entry.id());
    }

    /** Removes {@code entry} from its queue without handling it; later entries of its sequence stay queued. */
    public void discard(Entry entry) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing
                .deadLetterQueue(entry.group())
                .orElseThrow(() -> new IllegalStateException("group " + entry.group() + " has no dead-letter queue"));
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(entry.sequenceIdentifier())) {
            if (letter instanceof JdbcDeadLetter<?> stored
                    && stored.getIdentifier().equals(entry.id())) {
                queue.evict(letter);
                return;
            }
        }
    }

    private static Instant instant(String stored) {
        return stored == null ? null : DateTimeUtils.parseInstant(stored);
    }
}

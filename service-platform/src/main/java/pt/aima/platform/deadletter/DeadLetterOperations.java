package pt.aima.platform.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.deadletter.DeadLetterViews.Action;
import pt.aima.platform.deadletter.DeadLetterViews.QueueCount;
import pt.aima.platform.deadletter.DeadLetterViews.Summary;
import pt.aima.platform.operations.OperationRefused;
import pt.aima.platform.operations.OperatorActionLog;

/**
 * What operations can do with the service's dead letters: see them counted, inspect one with personal data masked,
 * retry it or discard it. Each retry and discard is recorded as an event ({@link DeadLetterRetried}, {@link
 * DeadLetterDiscarded}) in the stream {@code dead-letter:<source>:<id>} of the service's event store, with the operator
 * and the reason, and in {@code dead_letter_action} in the same transaction. An entry retried successfully or
 * discarded takes no further action (409).
 */
public class DeadLetterOperations {

    static final String STREAM_TYPE = "DeadLetter";
    static final String RETRIED = "RETRIED";
    static final String DISCARDED = "DISCARDED";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED_AGAIN = "FAILED_AGAIN";

    private final String service;
    private final ProcessingGroupDeadLetters groups;
    private final KafkaDeadLetters topics;
    private final OperatorActionLog log;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public DeadLetterOperations(
            String service,
            ProcessingGroupDeadLetters groups,
            KafkaDeadLetters topics,
            OperatorActionLog log,
            JdbcClient jdbc,
            TransactionTemplate transaction) {
        this.service = service;
        this.groups = groups;
        this.topics = topics;
        this.log = log;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Every processing group with a queue and every dead-letter topic, with its open entries counted by reason. */
    public Summary summary() {
        Map<String, Map<String, Long>> byGroup = new TreeMap<>();
        groups.groups().forEach(group -> byGroup.put(group, new TreeMap<>()));
        for (ProcessingGroupDeadLetters.Count count : groups.counts()) {
            byGroup.computeIfAbsent(count.group(), any -> new TreeMap<>())
                    .merge(simpleName(count.causeType()), count.count(), Long::sum);
        }
        List<QueueCount> groupCounts = new ArrayList<>();
        byGroup.forEach((group, reasons) -> groupCounts.add(queueCount(DeadLetterSource.GROUP, group, reasons)));

        Set<String> closed = closedTopicEntries();
        List<QueueCount> topicCounts = new ArrayList<>();
        for (Map.Entry<String, List<KafkaDeadLetters.Entry>> topic :
                topics.readAll(topics.topics()).entrySet()) {
            Map<String, Long> reasons = new TreeMap<>();
            for (KafkaDeadLetters.Entry entry : topic.getValue()) {
                if (!closed.contains(entry.id())) {
                    reasons.merge(reasonKind(entry.reason()), 1L, Long::sum);
                }
            }
            topicCounts.add(queueCount(DeadLetterSource.TOPIC, topic.getKey(), reasons));
        }
        long total = groupCounts.stream().mapToLong(QueueCount::entries).sum()
                + topicCounts.stream().mapToLong(QueueCount::entries).sum();
        return new Summary(service, total, groupCounts, topicCounts);
    }

    /** The open entries of one queue, personal data masked (for a list to pick from). */
    public List<DeadLetterViews.Entry> entries(DeadLetterSource source, String queue) {
        if (source == DeadLetterSource.TOPIC) {
            if (!topics.topics().contains(queue)) {
                throw notFound("No dead-letter topic " + queue + " in " + service + ".");
            }
            Set<String> closed = closedTopicEntries();
            return topics.readAll(queue).stream()
                    .filter(entry -> !closed.contains(entry.id()))
                    .map(entry -> view(entry, List.of()))
                    .toList();
        }
        return jdbc
                .sql("select dead_letter_id from dead_letter_entry where processing_group = :group "
                        + "order by sequence_identifier, sequence_index")
                .param("group", queue)
                .query(String.class)
                .list()
                .stream()
                .flatMap(id -> groups.find(id).stream())
                .map(entry -> view(entry, List.of()))
                .toList();
    }

    public DeadLetterViews.Entry entry(DeadLetterSource source, String id) {
        List<Action> actions = actions(source, id);
        if (source == DeadLetterSource.GROUP) {
            // a group's entry that was handled has left the queue; its actions remain in its event stream
            return groups.find(id).map(entry -> view(entry, actions)).orElseThrow(() -> unknown(source, id));
        }
        return topics.read(id).map(entry -> view(entry, actions)).orElseThrow(() -> unknown(source, id));
    }

    public Action retry(DeadLetterSource source, String id, String reason, ActingContext operator) {
        List<Action> actions = actions(source, id);
        refuseIfClosed(source, id, actions);
        if (source == DeadLetterSource.GROUP) {
            ProcessingGroupDeadLetters.Entry entry =
                    groups.find(id).orElseThrow(() -> handledOrUnknown(source, id, actions));
            String first = groups.firstOfSequence(entry);
            if (!first.equals(id)) {
                throw new OperationRefused(
                        "DEAD_LETTER_NOT_FIRST_OF_SEQUENCE",
                        "Entry " + id + " waits behind an earlier entry of its case; retry " + first
                                + ", which carries on through this one.");
            }
            String outcome = groups.retry(entry) ? SUCCEEDED : FAILED_AGAIN;
            return record(
                    source,
                    id,
                    RETRIED,
                    outcome,
                    reason,
                    operator,
                    new DeadLetterRetried(source.key(), entry.group(), id, outcome, reason));
        }
        KafkaDeadLetters.Entry entry = topics.read(id).orElseThrow(() -> unknown(source, id));
        topics.redeliver(entry);
        return record(
                source,
                id,
                RETRIED,
                SUCCEEDED,
                reason,
                operator,
                new DeadLetterRetried(source.key(), entry.topic(), id, SUCCEEDED, reason));
    }

    public Action discard(DeadLetterSource source, String id, String reason, ActingContext operator) {
        List<Action> actions = actions(source, id);
        refuseIfClosed(source, id, actions);
        if (source == DeadLetterSource.GROUP) {
            ProcessingGroupDeadLetters.Entry entry =
                    groups.find(id).orElseThrow(() -> handledOrUnknown(source, id, actions));
            return transaction.execute(status -> {
                groups.discard(entry);
                return record(
                        source,
                        id,
                        DISCARDED,
                        SUCCEEDED,
                        reason,
                        operator,
                        new DeadLetterDiscarded(source.key(), entry.group(), id, reason));
            });
        }
        KafkaDeadLetters.Entry entry = topics.read(id).orElseThrow(() -> unknown(source, id));
        return record(
                source,
                id,
                DISCARDED,
                SUCCEEDED,
                reason,
                operator,
                new DeadLetterDiscarded(source.key(), entry.topic(), id, reason));
    }

    /** What operators did to the entry, oldest first. */
    public List<Action> actions(DeadLetterSource source, String id) {
        return jdbc.sql(
                        """
                        select action, outcome, actor, reason, acted_at from dead_letter_action
                        where source = :source and entry_id = :id order by sequence
                        """)
                .param("source", source.key())
                .param("id", id)
                .query((rs, row) -> new Action(
                        source.key(),
                        id,
                        rs.getString("action"),
                        rs.getString("outcome"),
                        rs.getString("actor"),
                        rs.getString("reason"),
                        rs.getTimestamp("acted_at").toInstant()))
                .list();
    }

    private Action record(
            DeadLetterSource source,
            String id,
            String action,
            String outcome,
            String reason,
            ActingContext operator,
            Object event) {
        Instant now = Instant.now();
        String actor = operator.actor().subject() + " (" + operator.actor().role() + ")";
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql(
                                """
                                insert into dead_letter_action
                                    (source, entry_id, sequence, action, outcome, actor, reason, acted_at)
                                select :source, :id, coalesce(max(sequence), 0) + 1, :action, :outcome, :actor,
                                       :reason, :at
                                from dead_letter_action where source = :source and entry_id = :id
                                """)
                        .param("source", source.key())
                        .param("id", id)
                        .param("action", action)
                        .param("outcome", outcome)
                        .param("actor", actor)
                        .param("reason", reason)
                        .param("at", java.sql.Timestamp.from(now))
                        .update();
                log.record(STREAM_TYPE, "dead-letter:" + source.key() + ":" + id, event, operator);
            });
        } catch (DuplicateKeyException e) {
            throw new OperationRefused("CONCURRENT_OPERATION", "Another operator acted on " + id + " just now.");
        }
        return new Action(source.key(), id, action, outcome, actor, reason, now);
    }

    private static void refuseIfClosed(DeadLetterSource source, String id, List<Action> actions) {
        for (Action done : actions) {
            if (DISCARDED.equals(done.action())) {
                throw new OperationRefused(
                        "DEAD_LETTER_ALREADY_DISCARDED",
                        "Dead letter " + id + " was discarded by " + done.actor() + " at " + done.actedAt() + ".");
            }
            if (RETRIED.equals(done.action()) && SUCCEEDED.equals(done.outcome())) {
                throw new OperationRefused(
                        "DEAD_LETTER_ALREADY_RETRIED",
                        "Dead letter " + id + " was retried successfully by " + done.actor() + " at " + done.actedAt()
                                + ".");
            }
        }
    }

    /** A group's entry that is gone: 409 if an operator's action removed it, else 404. */
    private RuntimeException handledOrUnknown(DeadLetterSource source, String id, List<Action> actions) {
        refuseIfClosed(source, id, actions);
        return unknown(source, id);
    }

    private RuntimeException unknown(DeadLetterSource source, String id) {
        return notFound("No " + source.key() + " dead letter " + id + " in " + service + ".");
    }

    private static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }

    private Set<String> closedTopicEntries() {
        return new HashSet<>(jdbc.sql(
                        """
                        select entry_id from dead_letter_action
                        where source = 'topic' and (action = 'DISCARDED' or outcome = 'SUCCEEDED')
                        """)
                .query(String.class)
                .list());
    }

    private DeadLetterViews.Entry view(ProcessingGroupDeadLetters.Entry entry, List<Action> actions) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sequenceIdentifier", entry.sequenceIdentifier());
        details.put("sequenceIndex", entry.sequenceIndex());
        details.put("eventIdentifier", entry.eventIdentifier());
        details.put("aggregateSequenceNumber", entry.sequenceNumber());
        details.put("eventTimestamp", entry.eventTimestamp());
        details.put("lastTouched", entry.lastTouched());
        details.put("causeType", entry.causeType());
        return new DeadLetterViews.Entry(
                DeadLetterSource.GROUP.key(),
                entry.id(),
                entry.group(),
                simpleName(entry.payloadType()),
                entry.aggregateIdentifier(),
                simpleName(entry.causeType()) + ": " + entry.causeMessage(),
                entry.enqueuedAt(),
                groups.firstOfSequence(entry),
                true,
                PersonalDataMask.masked(entry.payload()),
                details,
                actions);
    }

    private DeadLetterViews.Entry view(KafkaDeadLetters.Entry entry, List<Action> actions) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("originalTopic", entry.originalTopic());
        entry.headers().forEach((name, value) -> {
            // The stack trace and the exception message repeat the reason at length and may quote the payload.
            if (!name.equals("kafka_dlt-exception-stacktrace") && !name.equals("kafka_dlt-exception-message")) {
                details.put(name, value);
            }
        });
        boolean open =
                actions.stream().noneMatch(done -> DISCARDED.equals(done.action()) || SUCCEEDED.equals(done.outcome()));
        return new DeadLetterViews.Entry(
                DeadLetterSource.TOPIC.key(),
                entry.id(),
                entry.topic(),
                entry.headers().get(pt.aima.kernel.Topics.HEADER_EVENT_TYPE),
                entry.key(),
                entry.reason(),
                entry.timestamp(),
                entry.id(),
                open,
                PersonalDataMask.masked(entry.value()),
                details,
                actions);
    }

    private static QueueCount queueCount(DeadLetterSource source, String name, Map<String, Long> reasons) {
        return new QueueCount(
                source.key(),
                name,
                reasons.values().stream().mapToLong(Long::longValue).sum(),
                reasons);
    }

    /** The reason's kind: the exception's simple name before the message ({@code aima-dlt-reason} is "Type: text"). */
    static String reasonKind(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    static String simpleName(String className) {
        if (className == null) {
            return "unknown";
        }
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }
}

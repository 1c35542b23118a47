package pt.aima.platform.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the operations API answers about dead letters. */
public final class DeadLetterViews {

    private DeadLetterViews() {}

    /** Open dead letters of one service: per processing group and per dead-letter topic, counted by reason. */
    public record Summary(String service, long total, List<QueueCount> groups, List<QueueCount> topics) {}

    /**
     * @param source {@code group} or {@code topic}
     * @param name the processing group or the topic
     * @param byReason open entries per reason (the failure's exception class)
     */
    public record QueueCount(String source, String name, long entries, Map<String, Long> byReason) {}

    /**
     * One dead letter, with personal data masked.
     *
     * @param caseId the aggregate (processing group) or the record key (topic): the case it concerns
     * @param retryStartsAt the entry a retry must name: the first of its sequence (groups), itself (topics)
     * @param payload the event (group) or the envelope (topic) as JSON, personal fields masked
     * @param details where it came from: the group's sequence, or the record's headers
     * @param actions what operators did to it so far
     */
    public record Entry(
            String source,
            String id,
            String queue,
            String eventType,
            String caseId,
            String reason,
            Instant deadLetteredAt,
            String retryStartsAt,
            boolean open,
            JsonNode payload,
            Map<String, Object> details,
            List<Action> actions) {}

    /** An operator's retry or discard. */
    public record Action(
            String source, String id, String action, String outcome, String actor, String reason, Instant actedAt) {}
}

package pt.aima.operations.archive;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;

/**
 * One integration event as operations-service received it: the envelope (who, when, why, and the event) and where it
 * came from on Kafka.
 *
 * @param topic the topic it was read from
 * @param partition the record's partition
 * @param offset the record's offset in its partition
 * @param receivedAt when this service archived it (not part of any read model: it differs between deliveries)
 * @param envelope the envelope as this build decodes it
 * @param payloadJson the payload's JSON exactly as it was published, with any optional field this build does not know
 *     yet (a later build reads it from the archive)
 */
public record ArchivedEvent(
        String topic,
        int partition,
        long offset,
        Instant receivedAt,
        EventEnvelope<IntegrationEvent> envelope,
        String payloadJson) {

    public ArchivedEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }

    public UUID eventId() {
        return envelope.eventId();
    }

    public String type() {
        return envelope.type();
    }

    public UUID caseId() {
        return envelope.caseId().value();
    }

    public Instant occurredAt() {
        return envelope.occurredAt();
    }

    public IntegrationEvent payload() {
        return envelope.payload();
    }
}

package pt.aima.kernel.envelope;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import pt.aima.kernel.ids.CaseId;

/**
 * What travels on Kafka: the facts about the event (who, when, why) around the event itself.
 *
 * @param eventId unique and stable: a re-sent record carries the same id, which is what consumers deduplicate on
 * @param type logical type name from {@link PublishedEvent#type()}
 * @param version schema version from {@link PublishedEvent#version()}
 * @param correlationId the business flow this event belongs to, carried from the first request onwards
 * @param causationId the message (request or event) that directly caused this one
 */
public record EventEnvelope<E extends IntegrationEvent>(
        UUID eventId,
        String type,
        int version,
        CaseId caseId,
        Instant occurredAt,
        Actor actor,
        String correlationId,
        String causationId,
        E payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(payload, "payload");
        if (!caseId.equals(payload.caseId())) {
            throw new IllegalArgumentException(
                    "envelope case " + caseId + " differs from payload case " + payload.caseId());
        }
    }

    /** Wraps an event, taking its type name and version from its {@link PublishedEvent} annotation. */
    public static <E extends IntegrationEvent> EventEnvelope<E> wrap(
            UUID eventId, Instant occurredAt, Actor actor, String correlationId, String causationId, E payload) {
        PublishedEvent published = payload.getClass().getAnnotation(PublishedEvent.class);
        if (published == null) {
            throw new IllegalArgumentException(payload.getClass().getName() + " is not a @PublishedEvent");
        }
        return new EventEnvelope<>(
                eventId,
                published.type(),
                published.version(),
                payload.caseId(),
                occurredAt,
                actor,
                correlationId,
                causationId,
                payload);
    }
}

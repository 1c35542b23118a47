package pt.aima.operations.timeline;

import java.time.Instant;
import java.util.UUID;
import pt.aima.kernel.envelope.Actor;

/**
 * One event of a case's timeline, placed in the tree of causes.
 *
 * @param parentId the archived event that caused this one, or null for a root (its cause was a request, a scheduled
 *     run, or an event not archived at the instant asked for)
 * @param depth 0 for a root, the parent's depth + 1 otherwise
 * @param service the service that published it
 * @param receivedAt when operations-service archived it: what {@code asOf} is compared with
 * @param summary one line in English from the event's non-personal facts
 */
public record TimelineEntry(
        UUID eventId,
        UUID parentId,
        int depth,
        String service,
        String type,
        int version,
        Instant occurredAt,
        Instant receivedAt,
        Actor actor,
        String correlationId,
        String causationId,
        String summary) {}

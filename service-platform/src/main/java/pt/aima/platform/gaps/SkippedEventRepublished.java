package pt.aima.platform.gaps;

import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/**
 * An operator had a processor's handlers handle an event the processor had skipped. The operator is the event's actor.
 *
 * @param processor the streaming processor (processing group) that had skipped it
 * @param globalIndex the skipped event's position in the event store
 */
@StoredAs("platform.SkippedEventRepublished")
@Revision("1")
public record SkippedEventRepublished(String processor, long globalIndex, String eventIdentifier, String reason) {}

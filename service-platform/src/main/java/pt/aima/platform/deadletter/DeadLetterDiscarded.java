package pt.aima.platform.deadletter;

import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/**
 * An operator decided a dead letter is not to be processed. The operator is the event's actor.
 *
 * @param source {@code group} (a processing group's queue) or {@code topic} (a Kafka dead-letter topic)
 * @param queue the processing group or the dead-letter topic
 */
@StoredAs("platform.DeadLetterDiscarded")
@Revision("1")
public record DeadLetterDiscarded(String source, String queue, String entryId, String reason) {}

package pt.aima.platform.deadletter;

import org.axonframework.serialization.Revision;
import pt.aima.platform.eventstore.StoredAs;

/**
 * An operator had a dead letter processed again. The operator is the event's actor.
 *
 * @param source {@code group} (a processing group's queue) or {@code topic} (a Kafka dead-letter topic)
 * @param queue the processing group or the dead-letter topic
 * @param outcome {@code SUCCEEDED} (handled, or re-published to its topic) or {@code FAILED_AGAIN} (back in the queue)
 */
@StoredAs("platform.DeadLetterRetried")
@Revision("1")
public record DeadLetterRetried(String source, String queue, String entryId, String outcome, String reason) {}

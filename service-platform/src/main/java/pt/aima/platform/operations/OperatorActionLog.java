package pt.aima.platform.operations;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import pt.aima.platform.acting.ActingContext;

/**
 * Records what operators do to the platform's machinery as events in the service's own event store: one stream per
 * thing acted on (a dead letter, a skipped event), so its history answers who did what, when and why. The operator and
 * the request's correlation id travel in the metadata, as on every other event.
 */
public class OperatorActionLog {

    private final EventStore eventStore;

    public OperatorActionLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * Appends {@code event} as the next event of {@code streamId}; call it inside the transaction that changes the
     * state the event records. Another operator appending to the same stream at the same moment makes one of them fail
     * with a 409 (the event store's unique aggregate sequence).
     */
    public void record(String streamType, String streamId, Object event, ActingContext context) {
        long next =
                eventStore.lastSequenceNumberFor(streamId).map(last -> last + 1).orElse(0L);
        try {
            eventStore.publish(
                    new GenericDomainEventMessage<>(streamType, streamId, next, event, context.asMetaData()));
        } catch (ConcurrencyException e) {
            throw new OperationRefused("CONCURRENT_OPERATION", "Another operator acted on " + streamId + " just now.");
        }
    }
}

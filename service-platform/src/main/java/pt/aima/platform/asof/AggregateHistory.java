package pt.aima.platform.asof;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * One aggregate's history as the service's event store holds it, up to an instant: what the service had recorded about
 * it by then. Every fact a service acts on is recorded in its own store first (an integration event from another
 * service becomes an event of the case's aggregate when it is applied), so this is what the service knew, whatever
 * arrived later from elsewhere.
 */
public final class AggregateHistory {

    private final EventStore eventStore;

    public AggregateHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * The aggregate's events in sequence order, from its first, up to the last one stored at or before {@code asOf}.
     * The history stops at the first event stored later: an aggregate's events are appended in sequence, so nothing
     * after that one can have been known at {@code asOf} (even if a clock stepped back and stamped it earlier).
     * Snapshots are never read: they would hide the events before them.
     *
     * @param aggregateId the aggregate's identifier as stored (a case's id: its {@code toString()})
     * @return empty when the aggregate did not exist yet at {@code asOf}, or never
     */
    public List<DomainEventMessage<?>> upTo(String aggregateId, Instant asOf) {
        try (Stream<? extends DomainEventMessage<?>> events =
                eventStore.readEvents(aggregateId, 0).asStream()) {
            return events.takeWhile(event -> !event.getTimestamp().isAfter(asOf))
                    .<DomainEventMessage<?>>map(event -> event)
                    .toList();
        }
    }
}

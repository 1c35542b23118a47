package pt.aima.platform.gaps;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/** Reads the one event at a global index, as a streaming processor would receive it. */
public class EventAtIndex {

    private final EventStorageEngine storage;

    public EventAtIndex(EventStorageEngine storage) {
        this.storage = storage;
    }

    public Optional<TrackedEventMessage<?>> read(long globalIndex) {
        try (Stream<? extends TrackedEventMessage<?>> events =
                storage.readEvents(GapAwareTrackingToken.newInstance(globalIndex - 1, Set.of()), false)) {
            return events.findFirst()
                    .filter(event -> event.trackingToken().position().orElse(-1) == globalIndex)
                    .map(event -> (TrackedEventMessage<?>) event);
        }
    }
}

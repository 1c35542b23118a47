package pt.aima.scheduling.projection.queue;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.scheduling.projection.deskcalendar.DeskCalendarProjection;

/**
 * Rebuilds what the scheduler plans with, the desks' calendars and the queue with its slots, from the event store:
 * their subscribing handlers have no token to reset, so this is their reset and replay. Both read models are rebuilt
 * together, in the order of the event store, because the queue places bookings stored before their events carried the
 * slots on the calendar of their day.
 *
 * <p>One transaction: it first takes the scheduler's lock (a pass in progress finishes first, and no pass starts until
 * the rebuild is done), then empties the tables through the projections' reset handlers and replays every event
 * through the same handlers that build them live. Commands that change the tables meanwhile wait for it and then apply
 * their events to the rebuilt tables; nothing is lost and nothing is applied twice. A command that waits has already
 * taken its events' global indexes: if the replay takes longer than Axon's gap timeout (60 s), the relay and the
 * pooled projections would skip those events for good. Rebuild a large store while the service takes no commands.
 */
@Component
public class SchedulerTablesRebuild {

    private final EventStorageEngine events;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final List<EventMessageHandler> handlers;

    SchedulerTablesRebuild(
            EventStorageEngine events,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            DeskCalendarProjection calendars,
            QueueProjection queue) {
        this.events = events;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.handlers = List.of(new AnnotationEventHandlerAdapter(calendars), new AnnotationEventHandlerAdapter(queue));
    }

    /** @return how many events were read */
    public long rebuild() {
        Long read = transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)")
                    .param("lock", ScheduleSnapshot.SCHEDULER_LOCK)
                    .query()
                    .singleRow();
            handlers.forEach(EventMessageHandler::prepareReset);
            long count = 0;
            try (Stream<? extends TrackedEventMessage<?>> stored = events.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> all = stored.iterator();
                while (all.hasNext()) {
                    TrackedEventMessage<?> event = all.next();
                    for (EventMessageHandler handler : handlers) {
                        if (handler.canHandle(event)) {
                            handle(handler, event);
                        }
                    }
                    count++;
                }
            }
            return count;
        });
        return read == null ? 0 : read;
    }

    private static void handle(EventMessageHandler handler, TrackedEventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("replaying " + event.getIdentifier() + " failed", e);
        }
    }
}

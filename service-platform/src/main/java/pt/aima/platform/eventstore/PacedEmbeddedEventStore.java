package pt.aima.platform.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, whose reader is woken by the service's own commits at most once per {@code
 * wakeInterval}.
 *
 * <p>The store's reader thread reads new events from the database for the service's streaming processors (its
 * projections, the Kafka relay). Axon wakes it after every commit that appended events, and a wake that finds events
 * costs three read transactions: the batch, the empty read that ends the batch's stream, and the read after the loop
 * found data (each empty read followed by a {@code min(global_index)} look-ahead). Under load a service commits
 * far more often than its processors need to be told: a 3,000-case benchmark run measured notification-service's
 * reader at 18,500 empty reads (6.3 a case) and 28 % of the statements of its database. Here the first commit after a
 * quiet interval wakes the reader at once, as Axon does, and the commits that follow within the interval share one
 * wake at its end: the reader then reads what all of them appended in one batch. A processor sees an event at most
 * {@code wakeInterval} later than it would have; nothing is read less, in another order, or not at all.
 *
 * <p>Axon's own fallback stays: the reader also reads after {@code fetchDelay} without any wake. Commits of other
 * instances of the service never woke this reader; they are read at the next wake or fetch delay, as before.
 */
public class PacedEmbeddedEventStore extends EmbeddedEventStore {

    private final ScheduledExecutorService wakes;
    private final WakePacer pacer;

    /**
     * @param builder the store as Axon's builder configures it (storage engine, monitors, span factory)
     * @param wakeInterval the shortest time between two wakes of the reader by the service's commits; zero wakes it
     *     at every commit, as Axon does
     */
    public PacedEmbeddedEventStore(EmbeddedEventStore.Builder builder, Duration wakeInterval) {
        super(builder);
        this.wakes = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "event-store-wake");
            thread.setDaemon(true);
            return thread;
        });
        this.pacer = new WakePacer(
                wakeInterval,
                (task, delayNanos) -> wakes.schedule(task, delayNanos, TimeUnit.NANOSECONDS),
                System::nanoTime,
                () -> super.afterCommit(List.of()));
    }

    /** Called after every commit that appended events: the reader reads them at the pacer's next wake. */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        pacer.request();
    }

    @Override
    public void shutDown() {
        wakes.shutdownNow();
        super.shutDown();
    }
}

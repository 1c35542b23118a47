package pt.aima.platform.eventstore;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Turns a stream of requests into wakes at most once per interval: the first request after a quiet interval wakes at
 * once; the requests that follow within the interval share one wake at its end. A request made while a wake is due is
 * covered by it, since the wake comes after the request (see {@link PacedEmbeddedEventStore}).
 */
final class WakePacer {

    /** Runs a task after a delay. */
    @FunctionalInterface
    interface Scheduler {

        /** @throws RejectedExecutionException when it runs nothing more (it is shut down) */
        void schedule(Runnable task, long delayNanos);
    }

    private final long intervalNanos;
    private final Scheduler scheduler;
    private final LongSupplier nanoTime;
    private final Runnable wake;
    private final AtomicBoolean wakeDue = new AtomicBoolean();
    private final AtomicLong lastWake;

    WakePacer(Duration interval, Scheduler scheduler, LongSupplier nanoTime, Runnable wake) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the wake interval cannot be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
        this.wake = wake;
        this.lastWake = new AtomicLong(nanoTime.getAsLong() - intervalNanos);
    }

    /** Wakes now, or has a wake due at the end of the interval; nothing when a wake is due already. */
    void request() {
        if (!wakeDue.compareAndSet(false, true)) {
            return;
        }
        long wait = lastWake.get() + intervalNanos - nanoTime.getAsLong();
        if (wait <= 0) {
            wakeNow();
            return;
        }
        try {
            scheduler.schedule(this::wakeNow, wait);
        } catch (RejectedExecutionException shutDown) {
            wakeNow();
        }
    }

    /** Clears the due mark before waking, so a request after this point is covered by this wake or has its own. */
    private void wakeNow() {
        lastWake.set(nanoTime.getAsLong());
        wakeDue.set(false);
        wake.run();
    }
}

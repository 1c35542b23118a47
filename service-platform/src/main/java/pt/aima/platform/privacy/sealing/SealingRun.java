package pt.aima.platform.privacy.sealing;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link StoredPersonalDataSealing#sweep()} once in the background after the service starts (retrying after a
 * failure), and shows how far it got as health component {@code personalDataSealing}: always UP (the service works
 * meanwhile), with the state, the events sealed and the global index the sweep reached.
 */
public final class SealingRun implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(SealingRun.class);

    enum State {
        WAITING,
        SWEEPING,
        DONE,
        RETRYING
    }

    private final StoredPersonalDataSealing sealing;
    private final Duration retryAfter;
    private volatile State state = State.WAITING;
    private volatile long sealedNow;
    private volatile String lastError;
    private ScheduledExecutorService runner;

    public SealingRun(StoredPersonalDataSealing sealing, Duration retryAfter) {
        this.sealing = sealing;
        this.retryAfter = retryAfter;
    }

    @Override
    public synchronized void start() {
        runner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "personal-data-sealing");
            thread.setDaemon(true);
            return thread;
        });
        runner.execute(this::sweep);
    }

    private void sweep() {
        state = State.SWEEPING;
        try {
            sealedNow += sealing.sweep();
            state = State.DONE;
            lastError = null;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            state = State.RETRYING;
            log.error("sealing stored personal data failed, retrying in {}: {}", retryAfter, e.getMessage());
            ScheduledExecutorService current = runner;
            if (current != null && !current.isShutdown()) {
                current.schedule(this::sweep, retryAfter.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("state", state).withDetail("sealedSinceStart", sealedNow);
        try {
            StoredPersonalDataSealing.Progress progress = sealing.progress();
            health.withDetail("sweptUpToGlobalIndex", progress.sweptUpTo())
                    .withDetail("sealed", progress.sealedTotal());
        } catch (RuntimeException e) {
            health.withDetail("progressUnreadable", e.getMessage());
        }
        if (lastError != null) {
            health.withDetail("lastError", lastError);
        }
        return health.build();
    }

    @Override
    public synchronized void stop() {
        if (runner != null) {
            runner.shutdownNow();
            runner = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return runner != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

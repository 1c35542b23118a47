package pt.aima.operations.projection.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The backlog as last counted. Counting every case (one GROUP BY over {@code ops_case}) takes long enough at 347,000
 * cases that it is done in the background, not per request: recounted when a case changed (at most once per {@code
 * refresh}), on a new day (ages move), and at least every {@code max-age}. Every reader gets the last count at once,
 * with the moment it was taken.
 */
@Component
public class BacklogCounts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BacklogCounts.class);

    private final CaseQueries cases;
    private final CaseChanges changes;
    private final Clock clock;
    private final Duration refresh;
    private final Duration maxAge;
    private volatile Counted latest;
    private ScheduledExecutorService scheduler;

    private record Counted(Backlog backlog, long version) {}

    BacklogCounts(
            CaseQueries cases,
            CaseChanges changes,
            Clock clock,
            @Value("${aima.operations-service.backlog.refresh:5s}") Duration refresh,
            @Value("${aima.operations-service.backlog.max-age:10m}") Duration maxAge) {
        this.cases = cases;
        this.changes = changes;
        this.clock = clock;
        this.refresh = refresh;
        this.maxAge = maxAge;
    }

    /** The last count; the first caller before any count waits for one. */
    public Backlog latest() {
        Counted counted = latest;
        return counted == null ? count().backlog() : counted.backlog();
    }

    /**
     * The last count, and whether it is up to date: {@code true} when no case changed after it was taken (a count that
     * is not is replaced within {@code refresh}).
     */
    public Latest latestWithState() {
        Counted counted = latest;
        if (counted == null) {
            counted = count();
        }
        return new Latest(counted.backlog(), counted.version() == changes.version());
    }

    /**
     * A count and whether it is up to date.
     *
     * @param backlog the count
     * @param upToDate no case changed after the count was taken
     */
    public record Latest(Backlog backlog, boolean upToDate) {}

    /** Counts now. */
    public synchronized Backlog recount() {
        return count().backlog();
    }

    private synchronized Counted count() {
        long version = changes.version();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        Counted counted = new Counted(new Backlog(now, today, cases.backlog(today)), version);
        latest = counted;
        return counted;
    }

    private void refreshIfStale() {
        Counted counted = latest;
        Instant now = clock.instant();
        if (counted == null
                || counted.version() != changes.version()
                || !counted.backlog().asOf().equals(LocalDate.ofInstant(now, clock.getZone()))
                || counted.backlog().computedAt().plus(maxAge).isBefore(now)) {
            count();
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backlog-counts");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        refreshIfStale();
                    } catch (RuntimeException e) {
                        log.warn("Could not count the backlog: {}", e.toString());
                    }
                },
                0,
                Math.max(refresh.toMillis(), 50),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}

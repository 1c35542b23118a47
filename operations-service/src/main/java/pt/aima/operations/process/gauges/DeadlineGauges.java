package pt.aima.operations.process.gauges;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import pt.aima.operations.projection.deadlines.DeadlineQueries;

/**
 * Undecided cases past their legal decision deadline today ({@code aima.operations.deadlines.breached}) as a
 * Prometheus gauge. Counted on a timer with the other operations gauges, not on every scrape.
 */
@Component
public class DeadlineGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadlineGauges.class);

    private final DeadlineQueries deadlines;
    private final Clock clock;
    private final Duration interval;
    private final AtomicLong breached = new AtomicLong();
    private ScheduledExecutorService scheduler;

    DeadlineGauges(
            DeadlineQueries deadlines,
            Clock clock,
            MeterRegistry meters,
            @Value("${aima.operations-service.gauge-refresh:30s}") Duration interval) {
        this.deadlines = deadlines;
        this.clock = clock;
        this.interval = interval;
        Gauge.builder("aima.operations.deadlines.breached", breached, AtomicLong::get)
                .description("undecided cases past their legal decision deadline today")
                .register(meters);
    }

    /** Counts now and updates the gauge. */
    public void refresh() {
        breached.set(deadlines.breached(LocalDate.now(clock)));
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deadline-gauges");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        refresh();
                    } catch (RuntimeException e) {
                        log.warn("Could not count the breached deadlines: {}", e.toString());
                    }
                },
                0,
                interval.toMillis(),
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

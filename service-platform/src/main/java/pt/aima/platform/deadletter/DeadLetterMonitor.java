package pt.aima.platform.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import pt.aima.platform.deadletter.DeadLetterViews.QueueCount;
import pt.aima.platform.deadletter.DeadLetterViews.Summary;
import pt.aima.platform.operations.OperationsHealth;

/**
 * Keeps the dead-letter counts behind health ({@code deadLetters}: DEGRADED while any queue or topic holds an open
 * entry) and the gauge {@code aima.dead.letters{service, source=group|topic, name}}. The counts are refreshed on a
 * schedule rather than per health call: reading a Kafka topic to its end takes a few round trips.
 */
public class DeadLetterMonitor implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMonitor.class);

    private final DeadLetterOperations deadLetters;
    private final Duration interval;
    private final MultiGauge gauge;
    private final String service;
    private volatile Summary latest;
    private volatile String failure;
    private ScheduledExecutorService scheduler;

    public DeadLetterMonitor(
            DeadLetterOperations deadLetters, MeterRegistry meters, String service, Duration interval) {
        this.deadLetters = deadLetters;
        this.interval = interval;
        this.service = service;
        this.gauge = MultiGauge.builder("aima.dead.letters")
                .description("open dead letters of a processing group's queue or a Kafka dead-letter topic")
                .register(meters);
    }

    /** Counts now, updating health and the gauge; answers the counts. */
    public Summary refresh() {
        try {
            Summary summary = deadLetters.summary();
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (QueueCount queue : all(summary)) {
                rows.add(MultiGauge.Row.of(
                        Tags.of("service", service, "source", queue.source(), "name", queue.name()), queue.entries()));
            }
            gauge.register(rows, true);
            latest = summary;
            failure = null;
            return summary;
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Could not count the dead letters: {}", failure);
            throw e;
        }
    }

    @Override
    public Health health() {
        Summary summary = latest;
        if (summary == null) {
            return Health.unknown()
                    .withDetail("reason", failure == null ? "not counted yet" : failure)
                    .build();
        }
        Map<String, Object> open = new LinkedHashMap<>();
        for (QueueCount queue : all(summary)) {
            if (queue.entries() > 0) {
                open.put(queue.source() + ":" + queue.name(), queue.byReason());
            }
        }
        Health.Builder health = summary.total() > 0 ? Health.status(OperationsHealth.DEGRADED) : Health.up();
        health.withDetail("open", summary.total()).withDetail("queues", open);
        if (failure != null) {
            health.withDetail("lastRefreshFailed", failure);
        }
        return health.build();
    }

    private static List<QueueCount> all(Summary summary) {
        List<QueueCount> all = new ArrayList<>(summary.groups());
        all.addAll(summary.topics());
        return all;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-monitor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        refresh();
                    } catch (RuntimeException e) {
                        // already logged; the next round tries again
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

    /** After Axon's processors and Kafka's listeners have started, before they stop. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

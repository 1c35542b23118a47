package pt.aima.operations.process.gauges;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import pt.aima.operations.casefile.Stage;
import pt.aima.operations.projection.cases.Backlog;
import pt.aima.operations.projection.cases.BacklogCounts;
import pt.aima.operations.projection.queues.WorkQueue;
import pt.aima.operations.projection.queues.WorkQueueQueries;
import pt.aima.operations.projection.queues.WorkQueueQueries.AsOf;

/**
 * The backlog by stage ({@code aima.operations.backlog}, tag {@code stage}) and the length of each work queue
 * ({@code aima.operations.queue.length}, tag {@code queue}) as Prometheus gauges. Counted on a timer, not on every
 * scrape: a scrape reads the last counts, so scraping costs the database nothing. The backlog's come from the last
 * count of {@link BacklogCounts}.
 */
@Component
public class OperationsGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OperationsGauges.class);

    private final BacklogCounts backlogCounts;
    private final WorkQueueQueries queues;
    private final Clock clock;
    private final Duration interval;
    private final MultiGauge backlog;
    private final MultiGauge queueLengths;
    private ScheduledExecutorService scheduler;

    OperationsGauges(
            BacklogCounts backlogCounts,
            WorkQueueQueries queues,
            Clock clock,
            MeterRegistry meters,
            @Value("${aima.operations-service.gauge-refresh:30s}") Duration interval) {
        this.backlogCounts = backlogCounts;
        this.queues = queues;
        this.clock = clock;
        this.interval = interval;
        this.backlog = MultiGauge.builder("aima.operations.backlog")
                .description("registered cases at each stage (decided ones as GRANTED or REFUSED)")
                .register(meters);
        this.queueLengths = MultiGauge.builder("aima.operations.queue.length")
                .description("items in each work queue (stay-expiring: within 90 days)")
                .register(meters);
    }

    /** Counts now and updates the gauges. */
    public void refresh() {
        List<MultiGauge.Row<?>> stages = new ArrayList<>();
        for (Map.Entry<Stage, Long> stage : byStage(backlogCounts.latest()).entrySet()) {
            stages.add(MultiGauge.Row.of(Tags.of("stage", stage.getKey().name()), stage.getValue()));
        }
        backlog.register(stages, true);
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> lengths = new ArrayList<>();
        for (Map.Entry<WorkQueue, Long> queue : queues.lengths(
                        new AsOf(LocalDate.ofInstant(now, clock.getZone()), now, 90))
                .entrySet()) {
            lengths.add(MultiGauge.Row.of(Tags.of("queue", queue.getKey().slug()), queue.getValue()));
        }
        queueLengths.register(lengths, true);
    }

    private static Map<Stage, Long> byStage(Backlog backlog) {
        Map<Stage, Long> counts = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            counts.put(stage, 0L);
        }
        backlog.rows().forEach(row -> counts.merge(Stage.valueOf(row.stage()), row.count(), Long::sum));
        return counts;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "operations-gauges");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        refresh();
                    } catch (RuntimeException e) {
                        log.warn("Could not count the backlog and the queues: {}", e.toString());
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

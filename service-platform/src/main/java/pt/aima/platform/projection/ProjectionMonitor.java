package pt.aima.platform.projection;

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
import pt.aima.platform.operations.OperationsHealth;

/**
 * Keeps every projection's position and lag (see {@link ProjectionPositions}) behind health ({@code projections}:
 * DEGRADED while any projection is beyond a lag threshold, with the details), the gauges {@code
 * aima.projection.lag.events} and {@code aima.projection.lag.seconds} (tagged {@code service} and {@code
 * processing_group}), and {@code GET /operations/projections}. Computed every {@code aima.projections.check-interval},
 * never per health call or scrape.
 */
public class ProjectionMonitor implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionMonitor.class);

    private final ProjectionPositions positions;
    private final ProjectionsProperties properties;
    private final String service;
    private final MultiGauge lagEvents;
    private final MultiGauge lagSeconds;
    private volatile List<ProjectionLag> latest;
    private volatile String failure;
    private ScheduledExecutorService scheduler;

    public ProjectionMonitor(
            ProjectionPositions positions, ProjectionsProperties properties, MeterRegistry meters, String service) {
        this.positions = positions;
        this.properties = properties;
        this.service = service;
        this.lagEvents = MultiGauge.builder("aima.projection.lag.events")
                .description("global indexes of the event store a projection has not read yet")
                .register(meters);
        this.lagSeconds = MultiGauge.builder("aima.projection.lag.seconds")
                .description("how long the oldest event a projection has not processed has waited")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Computes every projection's lag now, updating health and the gauges; answers it. */
    public synchronized List<ProjectionLag> refresh() {
        try {
            List<ProjectionLag> lags = positions.read(
                    properties.lagThresholdEvents(), Duration.ofSeconds(properties.lagThresholdSeconds()));
            List<MultiGauge.Row<?>> events = new ArrayList<>();
            List<MultiGauge.Row<?>> seconds = new ArrayList<>();
            for (ProjectionLag lag : lags) {
                Tags tags = Tags.of("service", service, "processing_group", lag.name());
                events.add(MultiGauge.Row.of(tags, lag.lagEvents()));
                seconds.add(MultiGauge.Row.of(tags, lag.lagSeconds()));
            }
            lagEvents.register(events, true);
            lagSeconds.register(seconds, true);
            latest = List.copyOf(lags);
            failure = null;
            return latest;
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Could not compute the projections' lag: {}", failure);
            throw e;
        }
    }

    /** The last computation; computed now if there is none yet. */
    public List<ProjectionLag> latest() {
        List<ProjectionLag> lags = latest;
        return lags == null ? refresh() : lags;
    }

    @Override
    public Health health() {
        List<ProjectionLag> lags = latest;
        if (lags == null) {
            return Health.unknown()
                    .withDetail("reason", failure == null ? "not computed yet" : failure)
                    .build();
        }
        Map<String, Object> projections = new LinkedHashMap<>();
        boolean degraded = false;
        for (ProjectionLag lag : lags) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", lag.status());
            detail.put("position", lag.position());
            detail.put("lagEvents", lag.lagEvents());
            detail.put("lagSeconds", lag.lagSeconds());
            detail.put("running", lag.running());
            projections.put(lag.name(), detail);
            degraded |= lag.degraded();
        }
        Health.Builder health = degraded ? Health.status(OperationsHealth.DEGRADED) : Health.up();
        health.withDetail("head", lags.isEmpty() ? 0 : lags.getFirst().head())
                .withDetail(
                        "thresholds",
                        Map.of("events", properties.lagThresholdEvents(), "seconds", properties.lagThresholdSeconds()))
                .withDetail("projections", projections);
        if (failure != null) {
            health.withDetail("lastCheckFailed", failure);
        }
        return health.build();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-monitor");
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
                properties.checkInterval().toMillis(),
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

    /** After Axon's processors have started, before they stop. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

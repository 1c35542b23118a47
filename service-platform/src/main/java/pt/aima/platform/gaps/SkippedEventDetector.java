package pt.aima.platform.gaps;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.platform.operations.OperationsHealth;

/**
 * Finds events a streaming processor (the Kafka relay, a projection) passed over without handling them.
 *
 * <p>How it happens: a processor's token holds the highest global index it has read and the lower indexes it is
 * still waiting for (the "gaps": indexes taken by transactions not yet committed). Axon stops waiting for a gap once
 * it reads an event older than the gap timeout (a processor running behind, a slow transaction) or when the token has
 * too many gaps; an event committed at that index afterwards is never read by that processor (AxonFramework #4829).
 *
 * <p>How it is found: every {@code skippedEventCheck}, for each streaming processor, the detector reads the tokens of
 * all its segments, then the event store. An index that every segment's token has passed (at or below its index and
 * not among its gaps) and that holds no event <em>when looked at after the tokens were read</em> was passed with
 * nothing there: the processor will never read it. It is watched (table {@code skipped_event}); if an event is ever
 * committed there, the processor skipped it: the detector says so in the log (ERROR), in health ({@code
 * skippedEvents}: DEGRADED) and in the gauge {@code aima.skipped.events{service, processor}}, until an operator
 * republishes it. An index that stays empty for {@code skippedEventWatch} was a rolled-back transaction and is
 * forgotten.
 *
 * <p>There are no false alarms: an index is reported only if it was seen empty after the processor had passed it. What
 * it cannot see is a late commit that lands between the processor passing the index and the next check (at most one
 * check interval later): at that check the event is there and looks handled. Keep the interval short (1 s by default;
 * a check reads a few token rows and the indexes the processor advanced over); closing the window completely would
 * take recording, per processor, every event it handles. The first check after a start only takes its bearings.
 */
public class SkippedEventDetector implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SkippedEventDetector.class);

    /** What a processor's tokens covered at the last check: every index up to {@code index} except {@code gaps}. */
    record Coverage(long index, SortedSet<Long> gaps) {

        boolean covers(long globalIndex) {
            return globalIndex <= index && !gaps.contains(globalIndex);
        }
    }

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Serializer tokenSerializer;
    private final SkippedEventStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration interval;
    private final Duration watch;
    private final MultiGauge gauge;
    private final String service;
    private final Map<String, Coverage> lastSeen = new ConcurrentHashMap<>();
    private volatile Map<String, Long> open = Map.of();
    private volatile String failure;
    private ScheduledExecutorService scheduler;

    public SkippedEventDetector(
            EventProcessingConfiguration processing,
            JdbcClient jdbc,
            Serializer tokenSerializer,
            SkippedEventStore store,
            TransactionTemplate transaction,
            MeterRegistry meters,
            String service,
            Duration interval,
            Duration watch) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokenSerializer = tokenSerializer;
        this.store = store;
        this.transaction = transaction;
        this.clock = Clock.systemUTC();
        this.interval = interval;
        this.watch = watch;
        this.service = service;
        this.gauge = MultiGauge.builder("aima.skipped.events")
                .description("events a streaming processor passed over without handling them, not yet republished")
                .register(meters);
    }

    /** One round over every streaming processor; answers the events found skipped in it. */
    public synchronized List<SkippedEvent> check() {
        List<SkippedEvent> found = new ArrayList<>();
        try {
            for (Map.Entry<String, ?> processor : processing.eventProcessors().entrySet()) {
                if (processor.getValue() instanceof StreamingEventProcessor) {
                    found.addAll(check(processor.getKey()));
                }
            }
            store.forgetWatchedBefore(clock.instant(), watch);
            Map<String, Long> counts = store.openCounts();
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String processor : processing.eventProcessors().keySet()) {
                rows.add(MultiGauge.Row.of(
                        Tags.of("service", service, "processor", processor), counts.getOrDefault(processor, 0L)));
            }
            gauge.register(rows, true);
            open = counts;
            failure = null;
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Could not check the processors for skipped events: {}", failure);
        }
        return found;
    }

    private List<SkippedEvent> check(String processor) {
        Optional<Coverage> now = coverage(processor);
        if (now.isEmpty()) {
            return List.of();
        }
        Coverage current = now.get();
        Coverage previous = lastSeen.put(processor, current);
        Instant at = clock.instant();
        if (previous != null && current.index() < previous.index()) {
            // reset: the processor reads these indexes again
            store.forgetWatchedAbove(processor, current.index());
        } else if (previous != null) {
            Set<Long> passed = newlyCovered(previous, current);
            if (!passed.isEmpty()) {
                Set<Long> empty = new TreeSet<>(passed);
                empty.removeAll(existing(passed));
                if (!empty.isEmpty()) {
                    log.debug("{} passed global indexes {} with no event there; watching them", processor, empty);
                    store.watch(processor, empty, at);
                }
            }
        }
        List<SkippedEvent> skipped = transaction.execute(status -> store.markCommittedAsSkipped(processor, at));
        for (SkippedEvent event : skipped) {
            log.error(
                    "SKIPPED EVENT: processor {} passed global index {} before {} ({} of {}) was committed there; it "
                            + "never handled it. Republish it: POST /operations/skipped-events/{}/{}/republish",
                    processor,
                    event.globalIndex(),
                    event.eventIdentifier(),
                    event.eventType(),
                    event.aggregateIdentifier(),
                    processor,
                    event.globalIndex());
        }
        return skipped;
    }

    /** The indexes {@code current} covers and {@code previous} did not. */
    static Set<Long> newlyCovered(Coverage previous, Coverage current) {
        Set<Long> passed = new TreeSet<>();
        for (long index = previous.index() + 1; index <= current.index(); index++) {
            if (!current.gaps().contains(index)) {
                passed.add(index);
            }
        }
        for (long gap : previous.gaps()) {
            if (current.covers(gap)) {
                passed.add(gap);
            }
        }
        return passed;
    }

    private Set<Long> existing(Set<Long> indexes) {
        long from = ((TreeSet<Long>) indexes).first();
        long to = ((TreeSet<Long>) indexes).last();
        return new HashSet<>(
                jdbc.sql("select global_index from domain_event_entry where global_index between :from and :to")
                        .param("from", from)
                        .param("to", to)
                        .query(Long.class)
                        .list());
    }

    /**
     * What every segment of the processor has passed: up to the lowest segment index, except any segment's gaps. Empty
     * if a segment has no token yet or a token of another kind.
     */
    Optional<Coverage> coverage(String processor) {
        List<TrackingToken> tokens = jdbc.sql(
                        "select token, token_type from token_entry where processor_name = :processor")
                .param("processor", processor)
                .query((rs, row) -> {
                    byte[] bytes = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    return bytes == null || type == null
                            ? null
                            : (TrackingToken) tokenSerializer.deserialize(
                                    new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                })
                .list();
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        long index = Long.MAX_VALUE;
        SortedSet<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens) {
            TrackingToken unwrapped = token == null ? null : WrappedToken.unwrapLowerBound(token);
            if (!(unwrapped instanceof GapAwareTrackingToken gapAware)) {
                return Optional.empty();
            }
            index = Math.min(index, gapAware.getIndex());
            gaps.addAll(gapAware.getGaps());
        }
        return Optional.of(new Coverage(index, gaps.headSet(index + 1)));
    }

    @Override
    public Health health() {
        Map<String, Long> skipped = open;
        Health.Builder health = skipped.isEmpty()
                ? Health.up()
                : Health.status(OperationsHealth.DEGRADED)
                        .withDetail("skipped", skipped)
                        .withDetail(
                                "repair",
                                "GET /operations/skipped-events, then POST "
                                        + "/operations/skipped-events/{processor}/{globalIndex}/republish");
        if (failure != null) {
            health.withDetail("lastCheckFailed", failure);
        }
        return health.build();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skipped-event-detector");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

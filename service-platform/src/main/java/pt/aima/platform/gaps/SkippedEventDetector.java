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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.platform.operations.OperationsHealth;

/**
 * Finds events a streaming processor (the Kafka relay, a projection) passed over without handling them.
 *
 * <p>How it happens: a processor's token holds the highest global index it has read and the lower indexes it is
 * still waiting for (the "gaps": indexes taken by transactions not yet committed). Axon stops waiting for a gap once
 * it reads an event older than the gap timeout (a processor running behind, a slow transaction) or when the token has
 * too many gaps; an event committed at that index afterwards is never read by that processor (AxonFramework #4829).
 *
 * <p>How it is found: every {@code skippedEventCheck}, for each streaming processor, the detector reads the position
 * of each segment this instance runs (its work package's token), then the event store. An index a segment's token has newly passed (at or below its index and not among
 * its gaps) that holds no event <em>when looked at after the token was read</em> was passed with nothing there: that
 * segment will never read it. The index is watched (table {@code skipped_event}, with the segments seen past it). If
 * an event is ever committed there and it belongs to one of those segments (the processor's sequencing policy decides,
 * as it does for handling), the processor skipped it: the detector says so in the log (ERROR), in health ({@code
 * skippedEvents}: DEGRADED) and in the gauge {@code aima.skipped.events{service, processor}}, until an operator
 * republishes it. An index that stays empty for {@code skippedEventWatch} was a rolled-back transaction and is
 * forgotten; after a reset the indexes the processor reads again are forgotten too.
 *
 * <p>No false alarms: an index is reported only if its own segment was seen past it while it was empty. What the
 * detector cannot see is a late commit that lands between the processor passing the index and the next check (at most
 * one check interval later): at that check the event is there and looks handled. Keep the interval short (1 s by
 * default; a check reads the token rows and the indexes the processor advanced over); closing the window completely
 * would take recording, per processor, every event it handles. The first check after a start only takes its bearings,
 * and a segment with no token yet (it has handled nothing) is not followed until it has one.
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
    private final SkippedEventStore store;
    private final EventAtIndex events;
    private final Clock clock;
    private final Duration interval;
    private final Duration watch;
    private final MultiGauge gauge;
    private final String service;
    private final Map<String, Map<Integer, Coverage>> lastSeen = new ConcurrentHashMap<>();
    private volatile Map<String, Long> open = Map.of();
    private volatile String failure;
    private ScheduledExecutorService scheduler;

    public SkippedEventDetector(
            EventProcessingConfiguration processing,
            JdbcClient jdbc,
            SkippedEventStore store,
            EventAtIndex events,
            MeterRegistry meters,
            String service,
            Duration interval,
            Duration watch) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.store = store;
        this.events = events;
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
        Tokens now = tokens(processor);
        // A segment not running here right now (the processor stopped, the segment released) keeps its last position,
        // so what it passes once it runs again is compared with where it was.
        Map<Integer, Coverage> previous = lastSeen.get(processor);
        Map<Integer, Coverage> remembered = new TreeMap<>(previous == null ? Map.of() : previous);
        remembered.putAll(now.coverage());
        lastSeen.put(processor, remembered);
        Instant at = clock.instant();
        if (previous != null) {
            Map<Long, Set<Integer>> passedBy = new TreeMap<>();
            for (Map.Entry<Integer, Coverage> segment : now.coverage().entrySet()) {
                Coverage before = previous.get(segment.getKey());
                if (before == null) {
                    continue;
                }
                if (segment.getValue().index() < before.index()) {
                    // reset: the segment reads these indexes again
                    store.forgetWatchedAbove(processor, segment.getValue().index());
                    continue;
                }
                for (long index : newlyCovered(before, segment.getValue())) {
                    passedBy.computeIfAbsent(index, any -> new TreeSet<>()).add(segment.getKey());
                }
            }
            if (!passedBy.isEmpty()) {
                Set<Long> present = existing(passedBy.keySet());
                passedBy.forEach((index, segments) -> {
                    if (!present.contains(index)) {
                        log.debug(
                                "{} segments {} passed global index {} with no event there",
                                processor,
                                segments,
                                index);
                        store.watch(processor, index, segments, at);
                    }
                });
            }
        }
        List<SkippedEvent> skipped = new ArrayList<>();
        for (SkippedEventStore.Watched watched : store.watchedWithAnEvent(processor)) {
            Optional<Integer> owner =
                    events.read(watched.globalIndex()).map(event -> ownerSegment(processor, event, now.segmentIds()));
            // Skipped only if the segment the event belongs to had passed it; another segment's passing does not stop
            // the owner from reading it, and the owner's later pass is not recorded because the event was there.
            if (owner.isPresent() && watched.passedBy().contains(owner.get())) {
                store.markSkipped(processor, watched.globalIndex(), at).ifPresent(event -> {
                    skipped.add(event);
                    log.error(
                            "SKIPPED EVENT: processor {} passed global index {} before {} ({} of {}) was committed "
                                    + "there; it never handled it. Republish it: POST "
                                    + "/operations/skipped-events/{}/{}/republish",
                            processor,
                            event.globalIndex(),
                            event.eventIdentifier(),
                            event.eventType(),
                            event.aggregateIdentifier(),
                            processor,
                            event.globalIndex());
                });
            }
        }
        return skipped;
    }

    /**
     * The segment of the processor that handles {@code event}, as its event handler invoker decides; none (-1) when the
     * processor has no handler for it (a projection of other events, the relay passing an event kept inside): passing
     * such an event by loses nothing.
     */
    private int ownerSegment(String processor, EventMessage<?> event, int[] segmentIds) {
        if (processing.eventProcessors().get(processor) instanceof AbstractEventProcessor handling
                && !handling.eventHandlerInvoker().canHandle(event, Segment.ROOT_SEGMENT)) {
            return -1;
        }
        Object sequence = processing.sequencingPolicy(processor).getSequenceIdentifierFor(event);
        int hash = Objects.hashCode(sequence == null ? event.getIdentifier() : sequence);
        for (Segment segment : Segment.computeSegments(segmentIds)) {
            if (segment.matches(hash)) {
                return segment.getSegmentId();
            }
        }
        return -1;
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
        long from = indexes.stream().mapToLong(Long::longValue).min().orElseThrow();
        long to = indexes.stream().mapToLong(Long::longValue).max().orElseThrow();
        return new HashSet<>(
                jdbc.sql("select global_index from domain_event_entry where global_index between :from and :to")
                        .param("from", from)
                        .param("to", to)
                        .query(Long.class)
                        .list());
    }

    /**
     * The processor's segments (all of them, as in {@code token_entry}) and what each segment this instance runs has
     * passed. The position comes from the running work package, not from {@code token_entry}: a segment that gets no
     * events of its own stores its token only now and then, while the stream it shares with the other segments has
     * long moved on. A segment another instance runs is checked by that instance.
     */
    record Tokens(int[] segmentIds, Map<Integer, Coverage> coverage) {}

    Tokens tokens(String processor) {
        Map<Integer, Coverage> coverage = new TreeMap<>();
        if (processing.eventProcessors().get(processor) instanceof StreamingEventProcessor streaming) {
            for (EventTrackerStatus status : streaming.processingStatus().values()) {
                TrackingToken token = status.getTrackingToken() == null
                        ? null
                        : WrappedToken.unwrapLowerBound(status.getTrackingToken());
                if (!status.isErrorState() && token instanceof GapAwareTrackingToken gapAware) {
                    coverage.put(
                            status.getSegment().getSegmentId(),
                            new Coverage(gapAware.getIndex(), new TreeSet<>(gapAware.getGaps())));
                }
            }
        }
        int[] segments = jdbc
                .sql("select segment from token_entry where processor_name = :processor")
                .param("processor", processor)
                .query(Integer.class)
                .list()
                .stream()
                .mapToInt(Integer::intValue)
                .toArray();
        return new Tokens(segments, coverage);
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

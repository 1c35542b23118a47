package pt.aima.platform.observability;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon's message monitors with the meters axon-micrometer gives them (same names, tags, percentiles and windows as its
 * dimensional {@link GlobalMetricRegistry}: {@code eventProcessor.*} per processor and payload type, {@code
 * commandBus.*} and {@code eventStore.*} per payload type), except that each component's meters are registered once
 * per payload type and kept. Axon's counting, timer, capacity and latency monitors look eleven meters up in the
 * registry on every message a processor handles (building their ids and tags each time, the capacity monitor's tag
 * string through a stream): about 5% of notification-service's listener threads in the backlog benchmark's profile;
 * {@code bench/monitor-benchmark.sh} compares the two. Components other than processors and the command and event
 * buses get Axon's own monitors.
 */
public final class MessageMonitors {

    private static final String PAYLOAD_TYPE = TagsUtil.PAYLOAD_TYPE_TAG;
    private static final String PROCESSOR_NAME = TagsUtil.PROCESSOR_NAME_TAG;

    private final MeterRegistry registry;
    private final GlobalMetricRegistry axon;

    public MessageMonitors(MeterRegistry registry) {
        this.registry = registry;
        this.axon = new GlobalMetricRegistry(registry);
    }

    /** Takes the place of Axon's Spring Boot module, which backs off when a bean of its type exists. */
    public MetricsConfigurerModule configurerModule() {
        return new MetricsConfigurerModule(axon, true) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(configuration -> MessageMonitors.this::forComponent);
            }
        };
    }

    @SuppressWarnings("unchecked")
    public MessageMonitor<Message<?>> forComponent(Class<?> componentType, String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            Function<Class<?>, Tags> tags =
                    type -> Tags.of(PAYLOAD_TYPE, type.getSimpleName(), PROCESSOR_NAME, componentName);
            return new Metered("eventProcessor", registry, tags, tags, true, Tags.of(PROCESSOR_NAME, componentName));
        }
        Function<Class<?>, Tags> payloadType = type -> Tags.of(PAYLOAD_TYPE, type.getSimpleName());
        if (CommandBus.class.isAssignableFrom(componentType)) {
            return new Metered(componentName, registry, payloadType, payloadType, true, null);
        }
        if (EventBus.class.isAssignableFrom(componentType)) {
            // as axon-micrometer does: the event bus's counters carry no tags, its timers the payload type
            return new Metered(componentName, registry, type -> Tags.empty(), payloadType, false, null);
        }
        return (MessageMonitor<Message<?>>) axon.registerComponentWithDefaultTags(componentType, componentName);
    }

    /**
     * Per payload type, registered on its first message: {@code <prefix>.ingestedCounter}, {@code .successCounter},
     * {@code .failureCounter}, {@code .processedCounter}, {@code .ignoredCounter}; the timers {@code <prefix>.allTimer},
     * {@code .successTimer}, {@code .failureTimer}, {@code .ignoredTimer} (percentiles 0.5 to 0.999 over ten
     * minutes); optionally {@code <prefix>.capacity}, the share of the last ten minutes spent handling messages (in
     * ten-second steps, in constant memory: {@link BusyTime}, where Axon's monitor keeps every message's time). And
     * for a processor {@code <prefix>.latency}, how old the last event it took in was (ms).
     */
    static final class Metered implements MessageMonitor<Message<?>> {

        private final String prefix;
        private final MeterRegistry registry;
        private final Function<Class<?>, Tags> counterTags;
        private final Function<Class<?>, Tags> timerTags;
        private final boolean capacity;
        private final AtomicLong latency;
        private final Clock clock;
        private final Map<Class<?>, Meters> byPayloadType = new ConcurrentHashMap<>();

        Metered(
                String prefix,
                MeterRegistry registry,
                Function<Class<?>, Tags> counterTags,
                Function<Class<?>, Tags> timerTags,
                boolean capacity,
                Tags latencyTags) {
            this.prefix = prefix;
            this.registry = registry;
            this.counterTags = counterTags;
            this.timerTags = timerTags;
            this.capacity = capacity;
            this.clock = registry.config().clock();
            if (latencyTags == null) {
                this.latency = null;
            } else {
                AtomicLong last = new AtomicLong();
                Gauge.builder(prefix + ".latency", last::get).tags(latencyTags).register(registry);
                this.latency = last;
            }
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            Meters meters = byPayloadType.computeIfAbsent(message.getPayloadType(), this::register);
            meters.ingested.increment();
            if (latency != null && message instanceof EventMessage<?> event) {
                latency.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
            }
            long start = clock.monotonicTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    meters.processed.increment();
                    meters.success.increment();
                    took(meters, meters.successTimer);
                }

                @Override
                public void reportFailure(Throwable cause) {
                    meters.processed.increment();
                    meters.failure.increment();
                    took(meters, meters.failureTimer);
                }

                @Override
                public void reportIgnored() {
                    meters.ignored.increment();
                    took(meters, meters.ignoredTimer);
                }

                private void took(Meters meters, Timer outcome) {
                    long finished = clock.monotonicTime();
                    long took = finished - start;
                    meters.all.record(took, TimeUnit.NANOSECONDS);
                    outcome.record(took, TimeUnit.NANOSECONDS);
                    if (meters.busy != null) {
                        meters.busy.record(finished, took);
                    }
                }
            };
        }

        private Meters register(Class<?> payloadType) {
            Tags counters = counterTags.apply(payloadType);
            Tags timers = timerTags.apply(payloadType);
            return new Meters(
                    registry.counter(prefix + ".ingestedCounter", counters),
                    registry.counter(prefix + ".successCounter", counters),
                    registry.counter(prefix + ".failureCounter", counters),
                    registry.counter(prefix + ".processedCounter", counters),
                    registry.counter(prefix + ".ignoredCounter", counters),
                    timer("allTimer", timers),
                    timer("successTimer", timers),
                    timer("failureTimer", timers),
                    timer("ignoredTimer", timers),
                    capacity ? capacityGauge(timers) : null);
        }

        private BusyTime capacityGauge(Tags tags) {
            BusyTime busy = new BusyTime();
            Gauge.builder(prefix + ".capacity", () -> busy.share(clock.monotonicTime()))
                    .tags(tags)
                    .register(registry);
            return busy;
        }

        private Timer timer(String name, Tags tags) {
            return Timer.builder(prefix + "." + name)
                    .distributionStatisticExpiry(Duration.ofMinutes(10))
                    .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                    .tags(tags)
                    .register(registry);
        }
    }

    /** @param busy how long each message took, over the capacity window; null where capacity is not measured */
    private record Meters(
            Counter ingested,
            Counter success,
            Counter failure,
            Counter processed,
            Counter ignored,
            Timer all,
            Timer successTimer,
            Timer failureTimer,
            Timer ignoredTimer,
            BusyTime busy) {}
}

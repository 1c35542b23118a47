package pt.aima.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/**
 * The platform's message monitors give the meters Axon's own (dimensional) monitors give: the same names and tags, the
 * same counts, for processors, the command bus and the event bus; only the lookups differ.
 */
class MessageMonitorsTest {

    record Registered(String caseId) {}

    record Refused(String caseId) {}

    @Test
    void anEventProcessorHasAxonsMetersAndCounts() {
        assertSameMeters(PooledStreamingEventProcessor.class, "case-status", false);
    }

    @Test
    void theCommandBusHasAxonsMetersAndCounts() {
        assertSameMeters(SimpleCommandBus.class, "commandBus", true);
    }

    @Test
    void theEventBusHasAxonsMetersAndCounts() {
        assertSameMeters(EmbeddedEventStore.class, "eventStore", false);
    }

    private static void assertSameMeters(Class<?> component, String name, boolean commands) {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        @SuppressWarnings("unchecked")
        MessageMonitor<Message<?>> axon = (MessageMonitor<Message<?>>)
                new GlobalMetricRegistry(axons).registerComponentWithDefaultTags(component, name);
        MessageMonitor<Message<?>> platform = new MessageMonitors(ours).forComponent(component, name);

        for (MessageMonitor<Message<?>> monitor : java.util.List.of(axon, platform)) {
            for (int round = 0; round < 3; round++) {
                monitor.onMessageIngested(message(new Registered("c-" + round), commands))
                        .reportSuccess();
                monitor.onMessageIngested(message(new Refused("c-" + round), commands))
                        .reportFailure(new IllegalStateException("refused"));
                monitor.onMessageIngested(message(new Registered("c-" + round), commands))
                        .reportIgnored();
            }
        }

        Map<String, Double> expected = counts(axons);
        assertThat(expected).as("Axon's monitors registered meters").isNotEmpty();
        assertThat(counts(ours)).isEqualTo(expected);
        assertThat(expected)
                .as("by payload type")
                .containsKey(
                        "TIMER " + prefix(component, name) + ".successTimer" + tags(component, name, "Registered"));
    }

    private static String prefix(Class<?> component, String name) {
        return component == PooledStreamingEventProcessor.class ? "eventProcessor" : name;
    }

    private static String tags(Class<?> component, String name, String payloadType) {
        return component == PooledStreamingEventProcessor.class
                ? "{payloadType=" + payloadType + ", processorName=" + name + "}"
                : "{payloadType=" + payloadType + "}";
    }

    private static Message<?> message(Object payload, boolean command) {
        return command ? GenericCommandMessage.asCommandMessage(payload) : GenericEventMessage.asEventMessage(payload);
    }

    /**
     * Each meter by kind, name and tags, with its count (counters; timers plus a thousand per published percentile),
     * whether it measured any time spent (capacity), or 0 (the latency gauge, a wall-clock age).
     */
    private static Map<String, Double> counts(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            Map<String, String> tags = new TreeMap<>();
            meter.getId().getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
            String key = meter.getId().getType() == Meter.Type.COUNTER
                    ? "Counter " + meter.getId().getName() + tags
                    : meter.getId().getType() + " " + meter.getId().getName() + tags;
            double count =
                    switch (meter) {
                        case Counter counter -> counter.count();
                        case Timer timer ->
                            timer.count() + 1000 * timer.takeSnapshot().percentileValues().length;
                        case Gauge gauge
                        when meter.getId().getName().endsWith(".capacity") -> gauge.value() > 0 ? 1 : 0;
                        default -> 0;
                    };
            counts.put(key, count);
        }
        return counts;
    }
}

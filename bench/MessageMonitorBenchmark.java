// What Axon's message monitors cost a message, Axon's own (axon-micrometer's dimensional GlobalMetricRegistry) against
// the platform's (pt.aima.platform.observability.MessageMonitors: the same meters, registered once per payload type),
// in the same run, on the registry the services scrape (Prometheus, with the services' common "application" tag).
// Run by bench/monitor-benchmark.sh as a single-file Java program on service-platform's test classpath:
//   java -cp <classpath> bench/MessageMonitorBenchmark.java [messages per round] [rounds]
// Each round passes the same messages (12 payload types, in turn) through an event processor's monitor and the command
// bus's, reporting success; the order of the two flips every round. Prints ns per message for each and the ratio.
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import pt.aima.platform.observability.MessageMonitors;

public class MessageMonitorBenchmark {

    record Type0(int n) {}
    record Type1(int n) {}
    record Type2(int n) {}
    record Type3(int n) {}
    record Type4(int n) {}
    record Type5(int n) {}
    record Type6(int n) {}
    record Type7(int n) {}
    record Type8(int n) {}
    record Type9(int n) {}
    record Type10(int n) {}
    record Type11(int n) {}

    public static void main(String[] args) {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Message<?>> events = new ArrayList<>();
        List<Message<?>> commands = new ArrayList<>();
        List<IntFunction<Object>> types = List.of(Type0::new, Type1::new, Type2::new, Type3::new, Type4::new,
                Type5::new, Type6::new, Type7::new, Type8::new, Type9::new, Type10::new, Type11::new);
        for (int i = 0; i < 1_200; i++) {
            Object payload = types.get(i % types.size()).apply(i);
            events.add(GenericEventMessage.asEventMessage(payload));
            commands.add(GenericCommandMessage.asCommandMessage(payload));
        }
        PrometheusMeterRegistry axonRegistry = registry();
        PrometheusMeterRegistry platformRegistry = registry();
        GlobalMetricRegistry axon = new GlobalMetricRegistry(axonRegistry);
        MessageMonitors platform = new MessageMonitors(platformRegistry);
        List<MessageMonitor<Message<?>>> axons = List.of(
                monitor(axon.registerComponentWithDefaultTags(PooledStreamingEventProcessor.class, "portal-inbox")),
                monitor(axon.registerComponentWithDefaultTags(SimpleCommandBus.class, "commandBus")));
        List<MessageMonitor<Message<?>>> ours = List.of(
                platform.forComponent(PooledStreamingEventProcessor.class, "portal-inbox"),
                platform.forComponent(SimpleCommandBus.class, "commandBus"));

        long axonNanos = 0;
        long ourNanos = 0;
        System.out.printf("%d messages per round (half events through a processor's monitor, half commands through the"
                + " command bus's), %d rounds, the first two warm-up%n", messages, rounds + 2);
        for (int round = 0; round < rounds + 2; round++) {
            boolean axonFirst = round % 2 == 0;
            long a;
            long o;
            if (axonFirst) {
                a = run(axons, events, commands, messages);
                o = run(ours, events, commands, messages);
            } else {
                o = run(ours, events, commands, messages);
                a = run(axons, events, commands, messages);
            }
            if (round >= 2) {
                axonNanos += a;
                ourNanos += o;
                System.out.printf("round %2d: Axon's %6.0f ns/message   platform's %6.0f ns/message   ratio %.2f%n",
                        round - 1, (double) a / messages, (double) o / messages, (double) o / a);
            }
        }
        System.out.printf("all rounds: Axon's %.0f ns/message, platform's %.0f ns/message, platform / Axon %.2f%n",
                (double) axonNanos / ((long) messages * rounds), (double) ourNanos / ((long) messages * rounds),
                (double) ourNanos / axonNanos);
        System.out.printf("meters: Axon's %d, platform's %d%n", axonRegistry.getMeters().size(),
                platformRegistry.getMeters().size());
    }

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(Tags.of("application", "notification-service"));
        return registry;
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> monitor(MessageMonitor<?> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }

    private static long run(
            List<MessageMonitor<Message<?>>> monitors, List<Message<?>> events, List<Message<?>> commands, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            boolean event = (i & 1) == 0;
            Message<?> message = (event ? events : commands).get((i >> 1) % events.size());
            monitors.get(event ? 0 : 1).onMessageIngested(message).reportSuccess();
        }
        return System.nanoTime() - start;
    }
}

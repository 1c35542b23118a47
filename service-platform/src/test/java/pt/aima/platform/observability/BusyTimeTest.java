package pt.aima.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/** The capacity gauge's window: the share of the last ten minutes spent handling messages, in ten-second steps. */
class BusyTimeTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theShareIsTheTimeSpentOverTheWindow() {
        BusyTime busy = new BusyTime();
        busy.record(100 * SECOND, 30 * SECOND);
        busy.record(400 * SECOND, 90 * SECOND);

        assertThat(busy.share(500 * SECOND)).isEqualTo(120.0 / 600);
    }

    @Test
    void timeSpentMoreThanTenMinutesAgoNoLongerCounts() {
        BusyTime busy = new BusyTime();
        busy.record(5 * SECOND, 60 * SECOND);
        busy.record(305 * SECOND, 60 * SECOND);

        assertThat(busy.share(595 * SECOND)).isEqualTo(120.0 / 600);
        assertThat(busy.share(605 * SECOND)).isEqualTo(60.0 / 600);
        assertThat(busy.share(905 * SECOND)).isZero();
    }

    @Test
    void aSlotReusedAfterTheWindowStartsAgainFromNothing() {
        BusyTime busy = new BusyTime();
        busy.record(15 * SECOND, 50 * SECOND);
        busy.record(615 * SECOND, 2 * SECOND);

        assertThat(busy.share(616 * SECOND)).isEqualTo(2.0 / 600);
    }

    @Test
    void aNegativeMonotonicTimeIsAsGoodAsAnyOther() {
        BusyTime busy = new BusyTime();
        busy.record(-1_000 * SECOND, 6 * SECOND);
        busy.record(-995 * SECOND, 6 * SECOND);

        assertThat(busy.share(-990 * SECOND)).isEqualTo(12.0 / 600);
        assertThat(busy.share(-300 * SECOND)).isZero();
    }

    @Test
    void aMillionMessagesAreCountedWhole() {
        BusyTime busy = new BusyTime();
        for (int i = 0; i < 1_000_000; i++) {
            busy.record(i * (SECOND / 2_000), 100_000);
        }

        assertThat(busy.share(500 * SECOND)).isCloseTo(100.0 / 600, within(1e-9));
    }

    @Test
    void theProcessorsCapacityGaugeReadsTheWindow() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        MessageMonitor<Message<?>> monitor =
                new MessageMonitors(registry).forComponent(PooledStreamingEventProcessor.class, "case-status");

        MessageMonitor.MonitorCallback handling =
                monitor.onMessageIngested(GenericEventMessage.asEventMessage("registered"));
        clock.add(Duration.ofSeconds(6));
        handling.reportSuccess();
        Gauge capacity = registry.get("eventProcessor.capacity").gauge();

        assertThat(capacity.value()).isEqualTo(6.0 / 600);
        clock.add(Duration.ofMinutes(10));
        assertThat(capacity.value()).isZero();
    }
}

package pt.aima.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pacing of the event store reader's wakes, on a clock and a scheduler the test moves by hand. */
class WakePacerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private long now = 1_000_000 * MS;
    private int wakes;
    private final List<Scheduled> scheduled = new ArrayList<>();

    private record Scheduled(Runnable task, long delayNanos) {}

    private WakePacer pacer(Duration interval) {
        return pacer(interval, () -> wakes++);
    }

    /** A pacer on the test's clock and scheduler, whose wakes run {@code wake}. */
    private WakePacer pacer(Duration interval, Runnable wake) {
        return new WakePacer(interval, (task, delay) -> scheduled.add(new Scheduled(task, delay)), () -> now, wake);
    }

    @Test
    void theFirstRequestWakesAtOnceAndTheRequestsWithinTheIntervalShareOneWakeAtItsEnd() {
        WakePacer pacer = pacer(Duration.ofMillis(200));

        pacer.request();
        assertThat(wakes).as("the first commit wakes the reader at once").isEqualTo(1);
        assertThat(scheduled).isEmpty();

        now += 50 * MS;
        pacer.request();
        now += 30 * MS;
        pacer.request();
        pacer.request();
        assertThat(wakes).as("no wake within the interval").isEqualTo(1);
        assertThat(scheduled)
                .as("one wake due, at the interval's end")
                .singleElement()
                .extracting(Scheduled::delayNanos)
                .isEqualTo(150 * MS);

        now += 150 * MS;
        scheduled.removeFirst().task().run();
        assertThat(wakes).isEqualTo(2);

        now += 10 * MS;
        pacer.request();
        assertThat(wakes)
                .as("a commit after that wake waits for the next interval's end")
                .isEqualTo(2);
        assertThat(scheduled).singleElement().extracting(Scheduled::delayNanos).isEqualTo(190 * MS);
    }

    @Test
    void aRequestAfterAQuietIntervalWakesAtOnce() {
        WakePacer pacer = pacer(Duration.ofMillis(200));
        pacer.request();

        now += 200 * MS;
        pacer.request();
        now += 500 * MS;
        pacer.request();

        assertThat(wakes).isEqualTo(3);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aCommitWhileTheWakeRunsGetsAWakeOfItsOwn() {
        WakePacer[] pacer = new WakePacer[1];
        pacer[0] = pacer(Duration.ofMillis(200), () -> {
            wakes++;
            if (wakes == 2) {
                pacer[0].request(); // a commit after the reader was signalled, before this wake returned
            }
        });
        pacer[0].request();
        now += 20 * MS;
        pacer[0].request();

        now += 180 * MS;
        scheduled.removeFirst().task().run();

        assertThat(wakes).isEqualTo(2);
        assertThat(scheduled)
                .as("the commit made during the wake is not taken as covered by it")
                .singleElement()
                .extracting(Scheduled::delayNanos)
                .isEqualTo(200 * MS);
    }

    @Test
    void withoutAnIntervalEveryRequestWakes() {
        WakePacer pacer = pacer(Duration.ZERO);

        pacer.request();
        pacer.request();
        pacer.request();

        assertThat(wakes).isEqualTo(3);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aSchedulerThatIsShutDownHasTheRequestWakeAtOnce() {
        WakePacer pacer = new WakePacer(
                Duration.ofMillis(200),
                (task, delay) -> {
                    throw new RejectedExecutionException("shut down");
                },
                () -> now,
                () -> wakes++);
        pacer.request();
        now += 10 * MS;

        pacer.request();

        assertThat(wakes).isEqualTo(2);
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> pacer(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}

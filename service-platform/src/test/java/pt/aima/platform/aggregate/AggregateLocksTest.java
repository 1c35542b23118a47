package pt.aima.platform.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.junit.jupiter.api.Test;

/** The locks of one instance: exclusive per aggregate, reentrant per thread, forgotten when nobody uses them. */
class AggregateLocksTest {

    private final AggregateLocks locks = new AggregateLocks(Duration.ofMillis(200), Duration.ofMillis(50));

    @Test
    void anAggregatesLockIsHeldByOneThreadAtATime() throws Exception {
        Lock held = locks.obtainLock("case-1");

        assertThatThrownBy(() -> CompletableFuture.runAsync(() -> locks.obtainLock("case-1"))
                        .get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(LockAcquisitionFailedException.class)
                .hasMessageContaining("case-1");
        Lock other =
                CompletableFuture.supplyAsync(() -> locks.obtainLock("case-2")).get(10, TimeUnit.SECONDS);
        assertThat(held.isHeld()).isTrue();
        assertThat(other).isNotNull();
    }

    @Test
    void theThreadHoldingALockTakesItAgainAndItIsFreeWhenReleasedAsOftenAsTaken() throws Exception {
        Lock outer = locks.obtainLock("case-1");
        Lock inner = locks.obtainLock("case-1");
        inner.release();
        inner.release(); // once is enough
        assertThat(outer.isHeld()).isTrue();
        outer.release();

        assertThat(outer.isHeld()).isFalse();
        assertThat(locks.size()).isZero();
        Lock taken =
                CompletableFuture.supplyAsync(() -> locks.obtainLock("case-1")).get(10, TimeUnit.SECONDS);
        assertThat(taken).isNotNull();
    }

    @Test
    void aFailedAttemptLeavesNothingBehind() {
        Lock held = locks.obtainLock("case-1");
        assertThatThrownBy(() -> CompletableFuture.runAsync(() -> locks.obtainLock("case-1"))
                        .get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(LockAcquisitionFailedException.class);

        held.release();

        assertThat(locks.size()).isZero();
    }
}

package pt.aima.notification.process.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final RetryPolicy FOR_EVER = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(1), 0);

    @ParameterizedTest(name = "after {0} failed attempts wait {1}")
    @CsvSource({"1, PT5S", "2, PT10S", "3, PT20S", "4, PT40S", "5, PT1M", "6, PT1M", "60, PT1M"})
    void backsOffExponentiallyUpToTheCap(int failedAttempts, Duration wait) {
        assertThat(FOR_EVER.nextAttemptAfter(failedAttempts)).contains(wait);
    }

    @Test
    void withoutALimitOfAttemptsNeverGivesUp() {
        assertThat(FOR_EVER.nextAttemptAfter(1_000_000)).contains(Duration.ofMinutes(1));
    }

    @Test
    void givesUpOnceTheAttemptsAreExhausted() {
        RetryPolicy threeAttempts = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(1), 3);

        assertThat(threeAttempts.nextAttemptAfter(2)).contains(Duration.ofSeconds(10));
        assertThat(threeAttempts.nextAttemptAfter(3)).isEmpty();
        assertThat(threeAttempts.nextAttemptAfter(4)).isEmpty();
    }
}

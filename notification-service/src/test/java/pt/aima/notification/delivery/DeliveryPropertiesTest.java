package pt.aima.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryPropertiesTest {

    private static final DeliveryProperties POLICY =
            new DeliveryProperties(true, null, null, Duration.ofSeconds(5), Duration.ofMinutes(1), 0, null, null, null);

    @ParameterizedTest(name = "after {0} failed attempts wait {1}")
    @CsvSource({"1, PT5S", "2, PT10S", "3, PT20S", "4, PT40S", "5, PT1M", "6, PT1M", "60, PT1M"})
    void backsOffExponentiallyUpToTheCap(int failedAttempts, Duration wait) {
        assertThat(POLICY.backoffAfter(failedAttempts)).isEqualTo(wait);
    }
}

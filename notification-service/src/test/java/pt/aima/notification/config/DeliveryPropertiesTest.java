package pt.aima.notification.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import pt.aima.notification.process.delivery.RetryPolicy;

class DeliveryPropertiesTest {

    @Test
    void unsetPropertiesSendEveryPollAndRetryForEverWithBackoff() {
        var defaults = new DeliveryProperties(null, null, null, null, null, null, null, null, null);

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.batchSize()).isEqualTo(50);
        assertThat(defaults.contactWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.retryPolicy()).isEqualTo(new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 0));
    }

    @Test
    void theRetryPolicyIsTheConfiguredOne() {
        var properties = new DeliveryProperties(
                true, null, null, Duration.ofSeconds(1), Duration.ofSeconds(30), 7, null, null, null);

        assertThat(properties.retryPolicy())
                .isEqualTo(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 7));
    }
}

package pt.aima.scheduling.publishing;

import org.junit.jupiter.api.Test;
import pt.aima.platform.testing.relay.IntegrationEventTranslatorContract;

class SchedulingEventTranslatorTest {

    @Test
    void theTypesItKeepsInsideNeverBecomeIntegrationEvents() {
        IntegrationEventTranslatorContract.assertKeptInsideTranslateToNothing(new SchedulingEventTranslator());
    }
}

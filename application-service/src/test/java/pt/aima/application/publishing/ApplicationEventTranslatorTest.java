package pt.aima.application.publishing;

import org.junit.jupiter.api.Test;
import pt.aima.platform.testing.relay.IntegrationEventTranslatorContract;

class ApplicationEventTranslatorTest {

    @Test
    void theTypesItKeepsInsideNeverBecomeIntegrationEvents() {
        IntegrationEventTranslatorContract.assertKeptInsideTranslateToNothing(new ApplicationEventTranslator());
    }
}

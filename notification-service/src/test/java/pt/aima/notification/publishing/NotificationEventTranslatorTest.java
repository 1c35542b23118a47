package pt.aima.notification.publishing;

import org.junit.jupiter.api.Test;
import pt.aima.platform.testing.relay.IntegrationEventTranslatorContract;

class NotificationEventTranslatorTest {

    @Test
    void theTypesItKeepsInsideNeverBecomeIntegrationEvents() {
        IntegrationEventTranslatorContract.assertKeptInsideTranslateToNothing(new NotificationEventTranslator());
    }
}

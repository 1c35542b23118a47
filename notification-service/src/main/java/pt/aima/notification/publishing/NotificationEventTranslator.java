package pt.aima.notification.publishing;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.notification.casenotifications.CaseNotificationEvent;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.Channel;
import pt.aima.platform.relay.IntegrationEventTranslator;

/**
 * What notification-service publishes: that a notification reached its channel, and what it answered. Never who it
 * was addressed to nor what it said: the recipient and the words stay here.
 */
@Component
class NotificationEventTranslator implements IntegrationEventTranslator {

    @Override
    public List<IntegrationEvent> translate(Object internalEvent) {
        if (!(internalEvent instanceof CaseNotificationEvent event)) {
            return List.of();
        }
        return switch (event) {
            case NotificationStored stored
            when reachedItsChannel(stored) ->
                List.of(new NotificationSent(
                        stored.caseId(),
                        stored.notificationId(),
                        stored.kind().name(),
                        stored.channel().name(),
                        stored.triggeringEventId()));
            case NotificationStored notYetSent -> List.of();
            case RecipientIdentified ignored -> List.of();
        };
    }

    /** A notification in the portal inbox is delivered by being stored; other channels will report their sending. */
    private static boolean reachedItsChannel(NotificationStored stored) {
        return stored.channel() == Channel.PORTAL_INBOX;
    }
}

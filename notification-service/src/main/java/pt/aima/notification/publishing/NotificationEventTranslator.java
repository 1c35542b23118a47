package pt.aima.notification.publishing;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.notification.NotificationFailed;
import pt.aima.kernel.notification.NotificationSent;
import pt.aima.notification.casenotifications.CaseNotificationEvent;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDelivered;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDeliveryFailed;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten;
import pt.aima.platform.relay.IntegrationEventTranslator;

/**
 * What notification-service publishes: that a notification reached its channel or could not, and why. Never who it
 * was addressed to nor what it said: the recipient, the address and the words stay here.
 */
@Component
class NotificationEventTranslator implements IntegrationEventTranslator {

    /** Who the case's notifications go to and what they may say: the recipient, contacts, household, checklist. */
    private static final Set<Class<?>> KEPT_INSIDE = Set.of(
            CaseNotificationEvent.RecipientIdentified.class,
            CaseNotificationEvent.ContactChannelsIdentified.class,
            CaseNotificationEvent.RegistrationNoted.class,
            CaseNotificationEvent.NotificationHeld.class,
            CaseNotificationEvent.HouseholdNoted.class,
            CaseNotificationEvent.ChecklistNoted.class,
            CaseNotificationEvent.NotificationDataErased.class);

    @Override
    public Set<Class<?>> keptInside() {
        return KEPT_INSIDE;
    }

    @Override
    public List<IntegrationEvent> translate(Object internalEvent) {
        if (!(internalEvent instanceof CaseNotificationEvent event)) {
            return List.of();
        }
        return switch (event) {
            // A notification in the portal inbox is delivered by being stored; the others when their channel says so.
            case NotificationWritten written ->
                written.perChannel().stream()
                        .flatMap(stored -> sent(stored).stream())
                        .toList();
            case NotificationStored stored -> sent(stored);
            case NotificationDelivered delivered ->
                List.of(new NotificationSent(
                        delivered.caseId(),
                        delivered.notificationId(),
                        delivered.kind().name(),
                        delivered.channel().name(),
                        delivered.triggeringEventId()));
            case NotificationDeliveryFailed failed ->
                List.of(new NotificationFailed(
                        failed.caseId(),
                        failed.notificationId(),
                        failed.kind().name(),
                        failed.channel().name(),
                        failed.triggeringEventId(),
                        failed.reasonCode(),
                        failed.reason()));
            default -> List.of();
        };
    }

    private static List<IntegrationEvent> sent(NotificationStored stored) {
        return stored.channel().deliveredByStoring()
                ? List.of(new NotificationSent(
                        stored.caseId(),
                        stored.notificationId(),
                        stored.kind().name(),
                        stored.channel().name(),
                        stored.triggeringEventId()))
                : List.of();
    }
}

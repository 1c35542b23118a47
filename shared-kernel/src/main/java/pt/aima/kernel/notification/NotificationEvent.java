package pt.aima.kernel.notification;

import pt.aima.kernel.envelope.IntegrationEvent;

/** What notification-service publishes on {@link pt.aima.kernel.Topics#NOTIFICATION_EVENTS}. */
public sealed interface NotificationEvent extends IntegrationEvent permits NotificationSent, NotificationFailed {}

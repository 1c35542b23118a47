package pt.aima.kernel.notification;

import java.util.UUID;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.NotificationId;

/**
 * A notification reached its channel.
 *
 * @param kind what it tells the applicant: {@code RECEIPT}, {@code APPOINTMENT}, {@code DECISION} ...
 * @param channel {@code PORTAL_INBOX}, {@code EMAIL}, {@code SMS}
 * @param triggeringEventId the integration event it answers; with recipient and channel it makes the notification
 *     unique
 */
@PublishedEvent(type = "NotificationSent", version = 1)
public record NotificationSent(
        CaseId caseId, NotificationId notificationId, String kind, String channel, UUID triggeringEventId)
        implements NotificationEvent {}

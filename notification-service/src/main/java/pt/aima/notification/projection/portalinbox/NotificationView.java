package pt.aima.notification.projection.portalinbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One notification in a case's portal inbox, as it was written.
 *
 * @param kind RECEIPT, CHECKLIST, DOCUMENT_REJECTED, EVIDENCE_REQUESTED, EVIDENCE_REMINDER, EVIDENCE_EXPIRED,
 *     APPOINTMENT, APPOINTMENT_RESCHEDULED, APPOINTMENT_MISSED or DECISION
 * @param channel PORTAL_INBOX
 * @param language {@code pt} or {@code en}
 * @param triggeringEventId the integration event it answers
 */
public record NotificationView(
        UUID notificationId,
        String kind,
        String channel,
        String language,
        String subject,
        String body,
        UUID triggeringEventId,
        OffsetDateTime createdAt) {}

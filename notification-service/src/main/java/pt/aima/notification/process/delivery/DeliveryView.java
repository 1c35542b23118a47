package pt.aima.notification.process.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One e-mail or SMS delivery as operations see it: its state and why, never the address nor the words.
 *
 * @param status PENDING, SENT or FAILED
 * @param attempts attempts made so far
 * @param lastError the channel's last error (for a pending delivery: why it is being retried)
 * @param failureCode for a failed delivery: NO_CONTACT_DATA, ADDRESS_REJECTED or RETRIES_EXHAUSTED
 */
public record DeliveryView(
        UUID notificationId,
        UUID caseId,
        UUID triggeringEventId,
        String kind,
        String channel,
        String status,
        int attempts,
        OffsetDateTime nextAttemptAt,
        String lastError,
        String failureCode,
        String failureReason,
        OffsetDateTime createdAt,
        OffsetDateTime sentAt) {}

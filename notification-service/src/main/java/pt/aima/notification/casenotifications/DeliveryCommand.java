package pt.aima.notification.casenotifications;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.NotificationId;

/** What the sender of the delivery outbox reports back to the case about one notification of an outbound channel. */
public sealed interface DeliveryCommand {

    CaseId caseId();

    NotificationId notificationId();

    /** The channel accepted the notification (the mail server took it, the SMS gateway wrote it). */
    record RecordDelivered(@TargetAggregateIdentifier CaseId caseId, NotificationId notificationId)
            implements DeliveryCommand {}

    /**
     * The notification cannot be delivered without someone acting.
     *
     * @param reasonCode {@code NO_CONTACT_DATA}, {@code ADDRESS_REJECTED}, {@code RETRIES_EXHAUSTED}
     * @param reason for operations, free of personal data
     */
    record RecordDeliveryFailed(
            @TargetAggregateIdentifier CaseId caseId, NotificationId notificationId, String reasonCode, String reason)
            implements DeliveryCommand {}

    /**
     * The notifications the case holds have waited long enough ({@code aima.notification.hold.max-wait}): write them
     * with what is known now. Sent by the hold sweep; a case with nothing held ignores it.
     */
    record ReleaseHeldNotifications(@TargetAggregateIdentifier CaseId caseId) {}
}

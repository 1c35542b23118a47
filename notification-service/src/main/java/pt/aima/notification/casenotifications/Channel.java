package pt.aima.notification.casenotifications;

/**
 * Where a notification reaches the applicant. Each channel gets its own notification, so one triggering event gives
 * at most one notification per channel.
 *
 * <p>The portal inbox is delivered by storing the notification. E-mail and SMS go through the delivery outbox: a
 * sender claims their pending deliveries, sends them and reports each one sent or failed back to the case.
 */
public enum Channel {
    PORTAL_INBOX,
    EMAIL,
    SMS;

    /** Whether storing the notification is its delivery. */
    public boolean deliveredByStoring() {
        return this == PORTAL_INBOX;
    }
}

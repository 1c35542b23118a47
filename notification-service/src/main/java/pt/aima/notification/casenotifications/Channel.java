package pt.aima.notification.casenotifications;

/**
 * Where a notification reaches the applicant. Each channel gets its own notification, so one triggering event gives
 * at most one notification per channel.
 *
 * <p>Only the portal inbox exists today: storing the notification is its delivery. E-mail and SMS are added here
 * together with a dispatcher that sends the stored notifications of their channel and reports them sent.
 */
public enum Channel {
    PORTAL_INBOX
}

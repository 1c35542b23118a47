package pt.aima.notification.casenotifications;

/** What a notification tells the applicant. */
public enum NotificationKind {
    /** The application was received: the case number and what happens next. */
    RECEIPT,
    /** The biometric appointment: where, when, and which originals to bring. */
    APPOINTMENT,
    /** The decision; a refusal with its grounds and the right to appeal. */
    DECISION
}

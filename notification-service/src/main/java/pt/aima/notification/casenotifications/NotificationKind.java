package pt.aima.notification.casenotifications;

/** What a notification tells the applicant. */
public enum NotificationKind {
    /** The application was received: the case number and what happens next. */
    RECEIPT,
    /** The documents each family member must provide, with the reason for each. */
    CHECKLIST,
    /** A document was rejected: the reason and how to put it right. */
    DOCUMENT_REJECTED,
    /** AIMA asks for specific evidence by a deadline. */
    EVIDENCE_REQUESTED,
    /** The deadline of an unanswered evidence request is near. */
    EVIDENCE_REMINDER,
    /** The deadline of an evidence request passed without an answer. */
    EVIDENCE_EXPIRED,
    /** The biometric appointment: where, when, and which originals to bring. */
    APPOINTMENT,
    /** The appointment moved: the new place and time, and why. */
    APPOINTMENT_RESCHEDULED,
    /** Nobody came to the appointment: what happens now. */
    APPOINTMENT_MISSED,
    /** The decision; a refusal with its grounds, the right to appeal and the time limit. */
    DECISION,
    /** The legal deadline for the decision was extended, once: the new deadline and the caseworker's reason. */
    DEADLINE_EXTENDED
}

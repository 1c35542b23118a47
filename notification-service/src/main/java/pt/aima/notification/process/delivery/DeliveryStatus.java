package pt.aima.notification.process.delivery;

/** Where an e-mail or SMS delivery stands in the outbox. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (or for the applicant's contact data). */
    PENDING,
    /** Accepted by its channel. */
    SENT,
    /** Failed for good; operations may put it back in the queue. */
    FAILED
}

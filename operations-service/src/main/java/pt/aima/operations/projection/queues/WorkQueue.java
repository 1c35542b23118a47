package pt.aima.operations.projection.queues;

import java.util.Arrays;
import java.util.Optional;

/** The work queues operations and caseworkers read, each with the order that puts the most urgent item first. */
public enum WorkQueue {
    DOCUMENTS_AWAITING_VERIFICATION(
            "documents-awaiting-verification",
            "Uploaded copies of undecided cases not yet accepted or rejected.",
            "longest waiting first"),
    EVIDENCE_OVERDUE(
            "evidence-overdue",
            "Evidence requests whose deadline for the applicant has passed without the evidence.",
            "oldest deadline first"),
    AIMA_RESPONSE_OVERDUE(
            "aima-response-overdue",
            "Evidence received but not verified by AIMA's own response date.",
            "oldest response date first"),
    READY_FOR_DECISION(
            "ready-for-decision",
            "Undecided cases whose checklist is complete and whose biometrics are collected.",
            "oldest original submission first"),
    MISSED_APPOINTMENTS(
            "missed-appointments",
            "Undecided cases whose last biometric appointment was missed, with nothing booked since.",
            "earliest missed appointment first"),
    COURT_ORDERS(
            "court-orders",
            "Court orders on undecided cases: the court's deadline and whether scheduling reported it at risk.",
            "at risk first, then nearest deadline"),
    FAILED_DELIVERIES(
            "failed-deliveries", "Notifications that failed and were not sent since.", "oldest failure first"),
    STAY_EXPIRING(
            "stay-expiring",
            "Members of undecided cases whose lawful stay ends within the window (withinDays: 30, 60 or 90).",
            "earliest end of stay first");

    private final String slug;
    private final String description;
    private final String order;

    WorkQueue(String slug, String description, String order) {
        this.slug = slug;
        this.description = description;
        this.order = order;
    }

    /** The queue's name in the URL, e.g. {@code evidence-overdue}. */
    public String slug() {
        return slug;
    }

    public String description() {
        return description;
    }

    /** What "most urgent first" means for this queue. */
    public String order() {
        return order;
    }

    public static Optional<WorkQueue> named(String slug) {
        return Arrays.stream(values()).filter(queue -> queue.slug.equals(slug)).findFirst();
    }
}

package pt.aima.operations.archive;

import java.util.Comparator;
import java.util.List;

/**
 * The order in which a case's events are folded, whatever order the topics delivered them in: when they happened,
 * then, for events stamped with the same instant by different services, the order in which a case moves on (a
 * registration before its checklist, a checklist before its appointment, a decision last), then the event id, so two
 * folds of the same events always see the same sequence.
 */
public final class LogicalOrder {

    /** Types in the order a case moves through them; a type not listed sorts after all of these. */
    static final List<String> TYPES = List.of(
            "ApplicationRegistered",
            "DocumentChecklistOpened",
            "DocumentUploaded",
            "DocumentRejected",
            "DocumentAccepted",
            "EvidenceRequested",
            "EvidenceRequestReminderDue",
            "EvidenceReceived",
            "EvidenceRequestExpired",
            "EvidenceResponseOverdue",
            "DocumentChecklistCompleted",
            "CourtOrderRegistered",
            "BiometricSlotAssigned",
            "CourtOrderDeadlineAtRisk",
            "BiometricAppointmentMissed",
            "BiometricAppointmentRescheduled",
            "BiometricsCollected",
            "DecisionIssued",
            "NotificationFailed",
            "NotificationSent");

    public static final Comparator<ArchivedEvent> EVENTS = Comparator.comparing(ArchivedEvent::occurredAt)
            .thenComparingInt(event -> rank(event.type()))
            .thenComparing(ArchivedEvent::eventId);

    private LogicalOrder() {}

    static int rank(String type) {
        int rank = TYPES.indexOf(type);
        return rank < 0 ? TYPES.size() : rank;
    }
}

package pt.aima.operations.projection.queues;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One item of a work queue: the case it belongs to (with its region, original submission and SEF number, so staff can
 * find it) and what makes it urgent. Ids and facts only.
 */
public sealed interface QueueItem {

    UUID caseId();

    /** An uploaded copy waiting for a caseworker, and for how long it has waited (up to the moment of the query). */
    record DocumentAwaitingVerification(
            UUID caseId,
            String region,
            LocalDate submittedOn,
            String legacyNumber,
            UUID documentId,
            UUID memberId,
            String documentType,
            Instant uploadedAt,
            long waitedHours,
            long waitedDays)
            implements QueueItem {

        /** The same item with how long it has waited measured up to {@code now}. */
        public DocumentAwaitingVerification waitedUntil(Instant now) {
            Duration waited = Duration.between(uploadedAt, now);
            return new DocumentAwaitingVerification(
                    caseId,
                    region,
                    submittedOn,
                    legacyNumber,
                    documentId,
                    memberId,
                    documentType,
                    uploadedAt,
                    Math.max(0, waited.toHours()),
                    Math.max(0, waited.toDays()));
        }
    }

    /** @param expired whether document-service reported the deadline passed */
    record EvidenceOverdue(
            UUID caseId,
            String region,
            LocalDate submittedOn,
            String legacyNumber,
            String requestId,
            UUID memberId,
            List<String> documentTypes,
            Instant requestedAt,
            LocalDate respondBy,
            long daysOverdue,
            boolean expired)
            implements QueueItem {}

    /** @param reported whether document-service reported AIMA's response overdue */
    record AimaResponseOverdue(
            UUID caseId,
            String region,
            LocalDate submittedOn,
            String legacyNumber,
            String requestId,
            UUID memberId,
            List<String> documentTypes,
            LocalDate receivedOn,
            LocalDate aimaRespondBy,
            long daysOverdue,
            boolean reported)
            implements QueueItem {}

    /** @param readySince when the later of the two conditions was met */
    record ReadyForDecision(
            UUID caseId,
            String region,
            LocalDate submittedOn,
            String legacyNumber,
            String origin,
            int householdSize,
            Instant checklistCompletedAt,
            Instant biometricsCollectedAt,
            Instant readySince)
            implements QueueItem {}

    /** @param next what scheduling did about it: RESCHEDULED (a new booking follows) or FLAGGED_TO_CASEWORKER */
    record MissedAppointment(
            UUID caseId,
            String region,
            LocalDate submittedOn,
            String legacyNumber,
            String deskId,
            LocalDateTime startsAt,
            String next)
            implements QueueItem {}

    /**
     * @param daysLeft days from today to the court's deadline (negative once it passed)
     * @param earliestPossibleOn the earliest day scheduling could see the household, when it reported the order at risk
     */
    record CourtOrder(
            UUID caseId,
            String region,
            LocalDate submittedOn,
            String legacyNumber,
            String stage,
            String reference,
            LocalDate deadline,
            long daysLeft,
            boolean atRisk,
            String riskReasonCode,
            LocalDate earliestPossibleOn,
            LocalDateTime appointmentStartsAt)
            implements QueueItem {}

    record FailedDelivery(
            UUID caseId,
            String region,
            String legacyNumber,
            String stage,
            UUID notificationId,
            String kind,
            String channel,
            String reasonCode,
            String reason,
            Instant failedAt)
            implements QueueItem {}

    /** @param daysLeft days from today to the end of the stay (negative once it ended) */
    record StayExpiring(
            UUID caseId,
            String region,
            LocalDate submittedOn,
            String legacyNumber,
            String stage,
            UUID memberId,
            String relationship,
            LocalDate stayEndsOn,
            long daysLeft)
            implements QueueItem {}
}

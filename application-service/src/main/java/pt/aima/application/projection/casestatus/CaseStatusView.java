package pt.aima.application.projection.casestatus;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where a case stands and what happens next.
 *
 * @param legacyNumber the SEF case number of a case imported from the backlog; null for a case registered through the
 *     portal
 * @param region where the household lives (a code of the published list); null for a case registered before regions
 *     existed
 * @param stage REGISTERED, DOCUMENTS_REQUIRED, DOCUMENTS_COMPLETE, BIOMETRICS_SCHEDULED, BIOMETRICS_COLLECTED or
 *     DECIDED
 * @param nextStep what the applicant or AIMA has to do next, in plain words
 * @param decisionDeadline the last day AIMA has to decide the case (policy: the legal deadline in force on the
 *     registration date, extended when {@code deadlineExtended})
 * @param deadlineExtended whether a caseworker extended the deadline (once, for the complexity of the case)
 * @param personalDataErasedAt when the applicant's personal data in this case was erased (end of its legal retention);
 *     null while it is kept
 */
public record CaseStatusView(
        UUID caseId,
        String applicantId,
        String legacyNumber,
        LocalDate submittedOn,
        LocalDate decisionDeadline,
        boolean deadlineExtended,
        int householdSize,
        String region,
        String stage,
        String nextStep,
        Integer requiredDocuments,
        boolean checklistComplete,
        Appointment biometricAppointment,
        boolean biometricsCollected,
        String decision,
        OffsetDateTime decidedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime personalDataErasedAt) {

    public record Appointment(String deskId, LocalDateTime startsAt) {}
}

package pt.aima.operations.projection.cases;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One case as operations see it: ids, stage and the facts the backlog counts it by. No names, no contact data.
 *
 * @param legacyNumber the SEF case number of an imported case, else null
 * @param partnerType who recovered an imported case (CLAIM, MUNICIPALITY, PROFESSIONAL_ASSOCIATION), else null
 * @param relationship the relationship of the household's first member
 */
public record CaseView(
        UUID caseId,
        String applicantId,
        LocalDate submittedOn,
        OffsetDateTime registeredAt,
        String region,
        String origin,
        String legacyNumber,
        String partnerType,
        String partnerName,
        String relationship,
        int householdSize,
        String stage,
        Integer requiredDocuments,
        OffsetDateTime checklistCompletedAt,
        String appointmentDesk,
        LocalDateTime appointmentStartsAt,
        OffsetDateTime biometricsCollectedAt,
        String decision,
        OffsetDateTime decidedAt,
        int events,
        OffsetDateTime lastEventAt) {}

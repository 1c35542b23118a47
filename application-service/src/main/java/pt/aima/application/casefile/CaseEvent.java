package pt.aima.application.casefile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.serialization.Revision;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/**
 * What happened to a case, as application-service records it. Internal: these events hold the personal data the
 * case needs (names, contact) and never leave the service; {@code publishing} decides what is published.
 */
public sealed interface CaseEvent {

    CaseId caseId();

    record Sponsor(String fullName, String residencePermitNumber) {}

    record Member(
            MemberId memberId,
            String fullName,
            Relationship relationship,
            LocalDate dateOfBirth,
            String nationality,
            boolean presentInPortugal) {}

    /** @param phone E.164, or null when the applicant gave none */
    record Contact(String email, String phone, String preferredLanguage) {}

    @Revision("1")
    record ApplicationSubmitted(
            CaseId caseId,
            String applicantId,
            LocalDate submittedOn,
            Sponsor sponsor,
            List<Member> members,
            Contact contact)
            implements CaseEvent {}

    @Revision("1")
    record ChecklistOpenedRecorded(CaseId caseId, int requiredDocuments) implements CaseEvent {}

    @Revision("1")
    record ChecklistCompletionRecorded(CaseId caseId) implements CaseEvent {}

    @Revision("1")
    record BiometricSlotRecorded(CaseId caseId, String deskId, LocalDateTime startsAt) implements CaseEvent {}

    @Revision("1")
    record BiometricsCollectionRecorded(CaseId caseId) implements CaseEvent {}

    @Revision("1")
    record DecisionMade(CaseId caseId, Outcome outcome, List<String> grounds, String reasoning) implements CaseEvent {}
}

package pt.aima.application.casefile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.application.casefile.CaseEvent.Contact;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.Provenance;
import pt.aima.application.casefile.CaseEvent.Sponsor;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/** What may be asked of a case. Facts reported by other services are recorded, not decided, here. */
public sealed interface CaseCommand {

    CaseId caseId();

    /**
     * @param addressTitle null when not declared
     * @param provenance for a case imported from the SEF backlog; null otherwise
     * @param region where the household lives: named by every new registration (the portal's request, the legacy
     *     file's desk_region), checked against the published list at the edge
     */
    record RegisterApplication(
            @TargetAggregateIdentifier CaseId caseId,
            String applicantId,
            LocalDate submittedOn,
            Sponsor sponsor,
            List<Member> members,
            Contact contact,
            AddressTitle addressTitle,
            Provenance provenance,
            Region region)
            implements CaseCommand {

        public RegisterApplication(
                CaseId caseId,
                String applicantId,
                LocalDate submittedOn,
                Sponsor sponsor,
                List<Member> members,
                Contact contact,
                AddressTitle addressTitle) {
            this(caseId, applicantId, submittedOn, sponsor, members, contact, addressTitle, null, null);
        }

        public RegisterApplication(
                CaseId caseId,
                String applicantId,
                LocalDate submittedOn,
                Sponsor sponsor,
                List<Member> members,
                Contact contact) {
            this(caseId, applicantId, submittedOn, sponsor, members, contact, null, null, null);
        }
    }

    record RecordChecklistOpened(@TargetAggregateIdentifier CaseId caseId, int requiredDocuments)
            implements CaseCommand {}

    record RecordChecklistCompleted(@TargetAggregateIdentifier CaseId caseId) implements CaseCommand {}

    record RecordBiometricSlot(@TargetAggregateIdentifier CaseId caseId, String deskId, LocalDateTime startsAt)
            implements CaseCommand {}

    record RecordBiometricsCollected(@TargetAggregateIdentifier CaseId caseId) implements CaseCommand {}

    record IssueDecision(
            @TargetAggregateIdentifier CaseId caseId, Outcome outcome, List<String> grounds, String reasoning)
            implements CaseCommand {}

    /**
     * Extend the legal decision deadline, once, for the complexity of the case (Lei 23/2007, art. 105).
     *
     * @param reason why the case needs more time, as the applicant will be told
     * @param requestedOn the day the caseworker extends it: the deadline must still run on that day
     */
    record ExtendDecisionDeadline(@TargetAggregateIdentifier CaseId caseId, String reason, LocalDate requestedOn)
            implements CaseCommand {}

    /** Record the last day of a family member's current lawful stay in Portugal, replacing the one known. */
    record UpdateMemberStay(@TargetAggregateIdentifier CaseId caseId, MemberId memberId, LocalDate stayEndsOn)
            implements CaseCommand {}

    /** Erase the applicant's personal data in this case, at the end of its legal retention. */
    record EraseApplicantData(@TargetAggregateIdentifier CaseId caseId, String applicantId, String legalBasis)
            implements CaseCommand {}
}

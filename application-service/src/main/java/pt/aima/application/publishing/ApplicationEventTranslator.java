package pt.aima.application.publishing;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import pt.aima.application.backlog.ImportEvent;
import pt.aima.application.casefile.CaseEvent;
import pt.aima.application.casefile.CaseEvent.ApplicationSubmitted;
import pt.aima.application.casefile.CaseEvent.DeadlineExtended;
import pt.aima.application.casefile.CaseEvent.DecisionMade;
import pt.aima.application.casefile.CaseEvent.MemberStayChanged;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.DecisionDeadlineExtended;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdDeclared;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.LegacyProvenance;
import pt.aima.kernel.application.MemberStayUpdated;
import pt.aima.kernel.application.ResidencePeriod;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.relay.IntegrationEventTranslator;

/**
 * What application-service publishes. Names and document numbers stay here; other services get ids and the facts
 * their rules need. A registration is published as {@code ApplicationRegistered} v2 (no personal facts of the
 * household) for everyone, the household's personal facts only to the restricted household topic, for
 * document-service's rules, and the applicant's contact only to the restricted contacts topic, for
 * notification-service.
 */
@Component
class ApplicationEventTranslator implements IntegrationEventTranslator {

    /** The SEF number and the recovering partner; not the import run nor the operator (the event's actor). */
    private static LegacyProvenance provenance(CaseEvent.Provenance provenance) {
        return provenance == null
                ? null
                : new LegacyProvenance(provenance.legacyNumber(), provenance.partnerType(), provenance.partnerName());
    }

    /** A member with the personal facts document-service's rules need, for the restricted household topic only. */
    private static HouseholdMember householdMember(CaseEvent.Member m) {
        return new HouseholdMember(
                m.memberId(),
                m.relationship(),
                m.dateOfBirth(),
                m.presentInPortugal(),
                m.nationality(),
                m.presentInPortugalSince(),
                m.residenceHistory() == null
                        ? null
                        : m.residenceHistory().stream()
                                .map(r -> new ResidencePeriod(r.country(), r.from(), r.to()))
                                .toList(),
                m.otherParentResidesInPortugal(),
                m.stayEndsOn());
    }

    /** What the case learnt from other services, and the import run's own progress: never published. */
    private static final Set<Class<?>> KEPT_INSIDE = Set.of(
            CaseEvent.ChecklistOpenedRecorded.class,
            CaseEvent.ChecklistCompletionRecorded.class,
            CaseEvent.BiometricSlotRecorded.class,
            CaseEvent.BiometricsCollectionRecorded.class,
            ImportEvent.ImportStarted.class,
            ImportEvent.ImportCompleted.class,
            ImportEvent.ImportInterrupted.class,
            ImportEvent.ImportResumed.class);

    @Override
    public Set<Class<?>> keptInside() {
        return KEPT_INSIDE;
    }

    @Override
    public List<IntegrationEvent> translate(Object internalEvent) {
        if (!(internalEvent instanceof CaseEvent event)) {
            return List.of();
        }
        return switch (event) {
            case ApplicationSubmitted submitted ->
                List.of(
                        new ApplicationRegisteredV2(
                                submitted.caseId(),
                                submitted.applicantId(),
                                submitted.submittedOn(),
                                submitted.members().stream()
                                        .map(m -> new ApplicationRegisteredV2.Member(
                                                m.memberId(), m.relationship(), m.presentInPortugal(), m.stayEndsOn()))
                                        .toList(),
                                submitted.contact().preferredLanguage(),
                                submitted.addressTitle(),
                                submitted.region(),
                                provenance(submitted.provenance())),
                        new HouseholdDeclared(
                                submitted.caseId(),
                                submitted.applicantId(),
                                submitted.submittedOn(),
                                submitted.members().stream()
                                        .map(ApplicationEventTranslator::householdMember)
                                        .toList(),
                                submitted.addressTitle(),
                                submitted.contact().preferredLanguage()),
                        new ApplicantContactRegistered(
                                submitted.caseId(),
                                submitted.applicantId(),
                                submitted.contact().email(),
                                submitted.contact().phone(),
                                submitted.contact().preferredLanguage()));
            case DecisionMade decided ->
                List.of(new DecisionIssued(
                        decided.caseId(), decided.outcome(), decided.grounds(), decided.reasoning()));
            case DeadlineExtended extended ->
                List.of(new DecisionDeadlineExtended(extended.caseId(), extended.reason(), extended.decideBy()));
            case MemberStayChanged stay ->
                List.of(new MemberStayUpdated(stay.caseId(), stay.memberId(), stay.stayEndsOn()));
            case CaseEvent.ChecklistOpenedRecorded ignored -> List.of();
            case CaseEvent.ChecklistCompletionRecorded ignored -> List.of();
            case CaseEvent.BiometricSlotRecorded ignored -> List.of();
            case CaseEvent.BiometricsCollectionRecorded ignored -> List.of();
            case CaseEvent.ApplicantDataErased erased ->
                List.of(new pt.aima.kernel.application.ApplicantDataErased(
                        erased.caseId(), erased.applicantId(), erased.legalBasis()));
        };
    }
}

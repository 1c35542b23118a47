package pt.aima.application.publishing;

import java.util.Optional;
import org.springframework.stereotype.Component;
import pt.aima.application.casefile.CaseEvent;
import pt.aima.application.casefile.CaseEvent.ApplicationSubmitted;
import pt.aima.application.casefile.CaseEvent.DecisionMade;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.relay.IntegrationEventTranslator;

/**
 * What application-service publishes. Names, passport-like numbers and e-mail addresses stay here; other services get
 * ids and the facts their rules need.
 */
@Component
class ApplicationEventTranslator implements IntegrationEventTranslator {

    @Override
    public Optional<IntegrationEvent> translate(Object internalEvent) {
        if (!(internalEvent instanceof CaseEvent event)) {
            return Optional.empty();
        }
        return switch (event) {
            case ApplicationSubmitted submitted ->
                Optional.of(new ApplicationRegistered(
                        submitted.caseId(),
                        submitted.applicantId(),
                        submitted.submittedOn(),
                        submitted.members().stream()
                                .map(m -> new HouseholdMember(
                                        m.memberId(), m.relationship(), m.dateOfBirth(), m.presentInPortugal()))
                                .toList(),
                        submitted.contact().preferredLanguage()));
            case DecisionMade decided ->
                Optional.of(new DecisionIssued(
                        decided.caseId(), decided.outcome(), decided.grounds(), decided.reasoning()));
            case CaseEvent.ChecklistOpenedRecorded ignored -> Optional.empty();
            case CaseEvent.ChecklistCompletionRecorded ignored -> Optional.empty();
            case CaseEvent.BiometricSlotRecorded ignored -> Optional.empty();
            case CaseEvent.BiometricsCollectionRecorded ignored -> Optional.empty();
        };
    }
}

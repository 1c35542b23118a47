package pt.aima.application.casefile;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.application.casefile.CaseCommand.IssueDecision;
import pt.aima.application.casefile.CaseCommand.RecordBiometricSlot;
import pt.aima.application.casefile.CaseCommand.RecordBiometricsCollected;
import pt.aima.application.casefile.CaseCommand.RecordChecklistCompleted;
import pt.aima.application.casefile.CaseCommand.RecordChecklistOpened;
import pt.aima.application.casefile.CaseCommand.RegisterApplication;
import pt.aima.application.casefile.CaseEvent.ApplicationSubmitted;
import pt.aima.application.casefile.CaseEvent.BiometricSlotRecorded;
import pt.aima.application.casefile.CaseEvent.BiometricsCollectionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistCompletionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistOpenedRecorded;
import pt.aima.application.casefile.CaseEvent.DecisionMade;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.eventstore.StoredAs;

/**
 * One family-reunification case from registration to decision. It decides only what is application-service's to
 * decide (registration, the decision); the checklist and the biometrics are facts other services report, recorded
 * here once so the decision rule can rely on them.
 */
@StoredAs("application.ReunificationCase")
@Aggregate(snapshotTriggerDefinition = "caseSnapshotTrigger")
class ReunificationCase {

    @AggregateIdentifier
    private CaseId caseId;

    private boolean checklistComplete;
    private boolean biometricsCollected;
    private Outcome decision;

    ReunificationCase() {}

    @CommandHandler
    ReunificationCase(RegisterApplication command) {
        if (command.members().isEmpty()) {
            throw new IllegalArgumentException("an application names at least one family member");
        }
        Eligibility.check(command.submittedOn(), command.members());
        apply(new ApplicationSubmitted(
                command.caseId(),
                command.applicantId(),
                command.submittedOn(),
                command.sponsor(),
                command.members(),
                command.contact(),
                command.addressTitle(),
                command.provenance()));
    }

    @CommandHandler
    void handle(RecordChecklistOpened command) {
        apply(new ChecklistOpenedRecorded(caseId, command.requiredDocuments()));
    }

    @CommandHandler
    void handle(RecordChecklistCompleted command) {
        if (!checklistComplete) {
            apply(new ChecklistCompletionRecorded(caseId));
        }
    }

    @CommandHandler
    void handle(RecordBiometricSlot command) {
        apply(new BiometricSlotRecorded(caseId, command.deskId(), command.startsAt()));
    }

    @CommandHandler
    void handle(RecordBiometricsCollected command) {
        if (!biometricsCollected) {
            apply(new BiometricsCollectionRecorded(caseId));
        }
    }

    @CommandHandler
    void handle(IssueDecision command) {
        if (decision != null) {
            throw DecisionNotAllowed.alreadyDecided();
        }
        if (!checklistComplete || !biometricsCollected) {
            throw DecisionNotAllowed.prerequisitesMissing(checklistComplete, biometricsCollected);
        }
        if (command.outcome() == Outcome.REFUSED && command.grounds().isEmpty()) {
            throw new IllegalArgumentException("a refusal states its grounds");
        }
        apply(new DecisionMade(caseId, command.outcome(), command.grounds(), command.reasoning()));
    }

    @EventSourcingHandler
    void on(ApplicationSubmitted event) {
        caseId = event.caseId();
    }

    @EventSourcingHandler
    void on(ChecklistCompletionRecorded event) {
        checklistComplete = true;
    }

    @EventSourcingHandler
    void on(BiometricsCollectionRecorded event) {
        biometricsCollected = true;
    }

    @EventSourcingHandler
    void on(DecisionMade event) {
        decision = event.outcome();
    }
}

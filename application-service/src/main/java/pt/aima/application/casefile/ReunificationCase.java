package pt.aima.application.casefile;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.application.casefile.CaseCommand.EraseApplicantData;
import pt.aima.application.casefile.CaseCommand.ExtendDecisionDeadline;
import pt.aima.application.casefile.CaseCommand.IssueDecision;
import pt.aima.application.casefile.CaseCommand.RecordBiometricSlot;
import pt.aima.application.casefile.CaseCommand.RecordBiometricsCollected;
import pt.aima.application.casefile.CaseCommand.RecordChecklistCompleted;
import pt.aima.application.casefile.CaseCommand.RecordChecklistOpened;
import pt.aima.application.casefile.CaseCommand.RegisterApplication;
import pt.aima.application.casefile.CaseCommand.UpdateMemberStay;
import pt.aima.application.casefile.CaseEvent.ApplicantDataErased;
import pt.aima.application.casefile.CaseEvent.ApplicationSubmitted;
import pt.aima.application.casefile.CaseEvent.BiometricSlotRecorded;
import pt.aima.application.casefile.CaseEvent.BiometricsCollectionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistCompletionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistOpenedRecorded;
import pt.aima.application.casefile.CaseEvent.DeadlineExtended;
import pt.aima.application.casefile.CaseEvent.DecisionMade;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.MemberStayChanged;
import pt.aima.kernel.application.DecisionDeadlinePolicy;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.eventstore.StoredAs;

/**
 * One family-reunification case from registration to decision. It decides only what is application-service's to
 * decide (registration, the extension of the decision deadline, the decision) and keeps what staff record about the
 * household (the end of each member's lawful stay); the checklist and the biometrics are facts other services report,
 * recorded here once so the decision rule can rely on them.
 */
@StoredAs("application.ReunificationCase")
@Aggregate(snapshotTriggerDefinition = "caseSnapshotTrigger", cache = "aggregateCache", lockFactory = "aggregateLocks")
@Revision("2") // 2: the registration date, the deadline extension and the members' stays; older snapshots are ignored
class ReunificationCase {

    @AggregateIdentifier
    private CaseId caseId;

    private LocalDate submittedOn;
    private boolean checklistComplete;
    private boolean biometricsCollected;
    private Outcome decision;
    private LocalDate extendedTo;
    private boolean personalDataErased;

    /** Every family member of the case by id, with the last day of their lawful stay when known (else null). */
    private Map<UUID, LocalDate> stays = new HashMap<>();

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
                command.provenance(),
                command.region()));
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
        if (personalDataErased) {
            throw DecisionNotAllowed.personalDataErased();
        }
        if (!checklistComplete || !biometricsCollected) {
            throw DecisionNotAllowed.prerequisitesMissing(checklistComplete, biometricsCollected);
        }
        if (command.outcome() == Outcome.REFUSED && command.grounds().isEmpty()) {
            throw new IllegalArgumentException("a refusal states its grounds");
        }
        apply(new DecisionMade(caseId, command.outcome(), command.grounds(), command.reasoning()));
    }

    /**
     * Extends the decision deadline by the rule in force on the registration date; the new deadline is returned and
     * recorded, as the applicant is told it.
     */
    @CommandHandler
    LocalDate handle(ExtendDecisionDeadline command, DecisionDeadlinePolicy deadlines) {
        if (command.reason() == null || command.reason().isBlank()) {
            throw new IllegalArgumentException("an extension states its reason");
        }
        if (decision != null) {
            throw DeadlineExtensionNotAllowed.alreadyDecided();
        }
        if (extendedTo != null) {
            throw DeadlineExtensionNotAllowed.alreadyExtended(extendedTo);
        }
        if (personalDataErased) {
            throw DeadlineExtensionNotAllowed.personalDataErased();
        }
        if (!deadlines.allowsExtension(submittedOn)) {
            throw DeadlineExtensionNotAllowed.notProvided(submittedOn);
        }
        LocalDate deadline = deadlines.deadline(submittedOn, false);
        if (command.requestedOn().isAfter(deadline)) {
            throw DeadlineExtensionNotAllowed.deadlinePassed(deadline);
        }
        LocalDate decideBy = deadlines.deadline(submittedOn, true);
        apply(new DeadlineExtended(caseId, command.reason().strip(), decideBy));
        return decideBy;
    }

    /** A member's stay is recorded whatever the case's stage; the same day again changes nothing. */
    @CommandHandler
    void handle(UpdateMemberStay command) {
        UUID member = command.memberId().value();
        if (!stays.containsKey(member)) {
            throw new MemberNotFound(caseId, command.memberId());
        }
        Objects.requireNonNull(command.stayEndsOn(), "stayEndsOn");
        if (!command.stayEndsOn().equals(stays.get(member))) {
            apply(new MemberStayChanged(caseId, command.memberId(), command.stayEndsOn()));
        }
    }

    /** Erased once: the applicant's key is gone, and a second erasure has nothing left to erase. */
    @CommandHandler
    void handle(EraseApplicantData command) {
        if (personalDataErased) {
            throw new PersonalDataAlreadyErased(caseId);
        }
        apply(new ApplicantDataErased(
                caseId, command.applicantId(), command.legalBasis().strip()));
    }

    @EventSourcingHandler
    void on(ApplicationSubmitted event) {
        caseId = event.caseId();
        submittedOn = event.submittedOn();
        for (Member member : event.members()) {
            stays.put(member.memberId().value(), member.stayEndsOn());
        }
    }

    @EventSourcingHandler
    void on(DeadlineExtended event) {
        extendedTo = event.decideBy();
    }

    @EventSourcingHandler
    void on(MemberStayChanged event) {
        stays.put(event.memberId().value(), event.stayEndsOn());
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

    @EventSourcingHandler
    void on(ApplicantDataErased event) {
        personalDataErased = true;
    }
}

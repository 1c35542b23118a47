package pt.aima.application.casefile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.application.casefile.CaseCommand.IssueDecision;
import pt.aima.application.casefile.CaseCommand.RecordBiometricSlot;
import pt.aima.application.casefile.CaseCommand.RecordBiometricsCollected;
import pt.aima.application.casefile.CaseCommand.RecordChecklistCompleted;
import pt.aima.application.casefile.CaseCommand.RegisterApplication;
import pt.aima.application.casefile.CaseEvent.ApplicationSubmitted;
import pt.aima.application.casefile.CaseEvent.BiometricSlotRecorded;
import pt.aima.application.casefile.CaseEvent.BiometricsCollectionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistCompletionRecorded;
import pt.aima.application.casefile.CaseEvent.Contact;
import pt.aima.application.casefile.CaseEvent.DecisionMade;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.Sponsor;
import pt.aima.kernel.application.DecisionIssued.Outcome;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

class ReunificationCaseTest {

    private final CaseId caseId = CaseId.newId();
    private final Sponsor sponsor = new Sponsor("Ana Sponsor", "AR-123456");
    private final List<Member> household = List.of(
            new Member(MemberId.newId(), "Rui Child", Relationship.MINOR_CHILD, LocalDate.of(2015, 3, 1), "BRA", true));
    private final Contact contact = new Contact("ana@example.org", "+351912345678", "pt");
    private final ApplicationSubmitted submitted =
            new ApplicationSubmitted(caseId, "applicant-1", LocalDate.of(2026, 11, 23), sponsor, household, contact);
    private final IssueDecision grant = new IssueDecision(caseId, Outcome.GRANTED, List.of(), "All conditions met.");

    private FixtureConfiguration<ReunificationCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReunificationCase.class);
    }

    @Test
    void registersAnApplicationWithItsHousehold() {
        fixture.givenNoPriorActivity()
                .when(new RegisterApplication(
                        caseId, "applicant-1", LocalDate.of(2026, 11, 23), sponsor, household, contact))
                .expectSuccessfulHandlerExecution()
                .expectEvents(submitted);
    }

    @Test
    void recordsTheRegionWhereTheHouseholdLives() {
        fixture.givenNoPriorActivity()
                .when(new RegisterApplication(
                        caseId,
                        "applicant-1",
                        LocalDate.of(2026, 11, 23),
                        sponsor,
                        household,
                        contact,
                        null,
                        null,
                        Region.FARO))
                .expectEvents(new ApplicationSubmitted(
                        caseId,
                        "applicant-1",
                        LocalDate.of(2026, 11, 23),
                        sponsor,
                        household,
                        contact,
                        null,
                        null,
                        Region.FARO));
    }

    @Test
    void refusesAnApplicationWithoutFamilyMembers() {
        fixture.givenNoPriorActivity()
                .when(new RegisterApplication(caseId, "applicant-1", LocalDate.now(), sponsor, List.of(), contact))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAnIneligibleHouseholdAndRecordsNothing() {
        Member grownUp = new Member(
                MemberId.newId(), "Rui Adult", Relationship.MINOR_CHILD, LocalDate.of(2000, 3, 1), "BRA", false);
        fixture.givenNoPriorActivity()
                .when(new RegisterApplication(
                        caseId, "applicant-1", LocalDate.of(2026, 11, 23), sponsor, List.of(grownUp), contact))
                .expectException(NotEligible.class)
                .expectNoEvents();
    }

    @Test
    void refusesDecisionWhileDocumentsAreMissing() {
        fixture.given(submitted, new BiometricsCollectionRecorded(caseId))
                .when(grant)
                .expectException(DecisionNotAllowed.class)
                .expectExceptionMessage("A decision needs every required document accepted first.")
                .expectNoEvents();
    }

    @Test
    void refusesDecisionBeforeBiometricsAreCollected() {
        fixture.given(
                        submitted,
                        new ChecklistCompletionRecorded(caseId),
                        new BiometricSlotRecorded(caseId, "LISBOA-1", LocalDateTime.of(2026, 12, 1, 9, 0)))
                .when(grant)
                .expectException(DecisionNotAllowed.class)
                .expectExceptionMessage("A decision needs the biometrics collected first.")
                .expectNoEvents();
    }

    @Test
    void namesEveryMissingPrerequisite() {
        fixture.given(submitted)
                .when(grant)
                .expectExceptionMessage(
                        "A decision needs every required document accepted and the biometrics collected first.");
    }

    @Test
    void decidesOnceDocumentsAreCompleteAndBiometricsCollected() {
        fixture.given(submitted, new ChecklistCompletionRecorded(caseId), new BiometricsCollectionRecorded(caseId))
                .when(grant)
                .expectEvents(new DecisionMade(caseId, Outcome.GRANTED, List.of(), "All conditions met."));
    }

    @Test
    void decidesOnlyOnce() {
        fixture.given(
                        submitted,
                        new ChecklistCompletionRecorded(caseId),
                        new BiometricsCollectionRecorded(caseId),
                        new DecisionMade(caseId, Outcome.GRANTED, List.of(), "All conditions met."))
                .when(new IssueDecision(caseId, Outcome.REFUSED, List.of("ENTRY_BAN"), "SIS alert."))
                .expectException(DecisionNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void recordsReportedFactsOnlyOnce() {
        fixture.given(submitted, new ChecklistCompletionRecorded(caseId), new BiometricsCollectionRecorded(caseId))
                .when(new RecordChecklistCompleted(caseId))
                .expectNoEvents();
        fixture.given(submitted, new BiometricsCollectionRecorded(caseId))
                .when(new RecordBiometricsCollected(caseId))
                .expectNoEvents();
    }

    @Test
    void recordsTheAppointmentTheSchedulerAssigned() {
        LocalDateTime startsAt = LocalDateTime.of(2026, 12, 1, 9, 15);
        fixture.given(submitted, new ChecklistCompletionRecorded(caseId))
                .when(new RecordBiometricSlot(caseId, "LISBOA-1", startsAt))
                .expectEvents(new BiometricSlotRecorded(caseId, "LISBOA-1", startsAt));
    }
}

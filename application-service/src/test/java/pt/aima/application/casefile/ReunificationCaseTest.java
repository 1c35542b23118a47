package pt.aima.application.casefile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.application.casefile.CaseCommand.ExtendDecisionDeadline;
import pt.aima.application.casefile.CaseCommand.IssueDecision;
import pt.aima.application.casefile.CaseCommand.RecordBiometricSlot;
import pt.aima.application.casefile.CaseCommand.RecordBiometricsCollected;
import pt.aima.application.casefile.CaseCommand.RecordChecklistCompleted;
import pt.aima.application.casefile.CaseCommand.RegisterApplication;
import pt.aima.application.casefile.CaseCommand.UpdateMemberStay;
import pt.aima.application.casefile.CaseEvent.ApplicantDataErased;
import pt.aima.application.casefile.CaseEvent.ApplicationSubmitted;
import pt.aima.application.casefile.CaseEvent.BiometricSlotRecorded;
import pt.aima.application.casefile.CaseEvent.BiometricsCollectionRecorded;
import pt.aima.application.casefile.CaseEvent.ChecklistCompletionRecorded;
import pt.aima.application.casefile.CaseEvent.Contact;
import pt.aima.application.casefile.CaseEvent.DeadlineExtended;
import pt.aima.application.casefile.CaseEvent.DecisionMade;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.MemberStayChanged;
import pt.aima.application.casefile.CaseEvent.Sponsor;
import pt.aima.kernel.application.DecisionDeadlinePolicy;
import pt.aima.kernel.application.DecisionDeadlinePolicy.Rule;
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

    /** Lei 61/2025 in force from 23 October 2025: three months extendable by three before, nine (and nine) after. */
    static final DecisionDeadlinePolicy DEADLINES = new DecisionDeadlinePolicy(
            List.of(new Rule(LocalDate.of(2000, 1, 1), 3, 3), new Rule(LocalDate.of(2025, 10, 23), 9, 9)));

    private static final String COMPLEX = "The marriage was celebrated abroad and must be confirmed by the consulate.";

    private FixtureConfiguration<ReunificationCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReunificationCase.class);
        fixture.registerInjectableResource(DEADLINES);
    }

    private ApplicationSubmitted submittedOn(LocalDate day) {
        return new ApplicationSubmitted(caseId, "applicant-1", day, sponsor, household, contact);
    }

    private static Matcher<DeadlineExtensionNotAllowed> rule(String code) {
        return new CustomTypeSafeMatcher<>("refused with rule " + code) {
            @Override
            protected boolean matchesSafely(DeadlineExtensionNotAllowed refusal) {
                return refusal.code().equals(code);
            }
        };
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
    void refusesADecisionOnceTheApplicantsDataWasErased() {
        fixture.given(
                        submitted,
                        new ChecklistCompletionRecorded(caseId),
                        new BiometricsCollectionRecorded(caseId),
                        new ApplicantDataErased(caseId, "applicant-1", "retention ended"))
                .when(grant)
                .expectException(DecisionNotAllowed.class)
                .expectExceptionMessage("The applicant's personal data in this case was erased; it takes no decision.")
                .expectNoEvents();
    }

    @Test
    void refusesAnExtensionOnceTheApplicantsDataWasErased() {
        fixture.given(submitted, new ApplicantDataErased(caseId, "applicant-1", "retention ended"))
                .when(new ExtendDecisionDeadline(caseId, COMPLEX, LocalDate.of(2027, 2, 1)))
                .expectException(rule("PERSONAL_DATA_ERASED"))
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

    @Test
    void extendsTheDeadlineByTheRuleInForceOnTheRegistrationDate() {
        // registered 23 November 2026 under Lei 61/2025: nine months, and nine more once extended
        fixture.given(submitted)
                .when(new ExtendDecisionDeadline(caseId, "  " + COMPLEX + " ", LocalDate.of(2027, 2, 1)))
                .expectEvents(new DeadlineExtended(caseId, COMPLEX, LocalDate.of(2028, 5, 23)))
                .expectResultMessagePayload(LocalDate.of(2028, 5, 23));
    }

    @Test
    void aCaseRegisteredBeforeLei61Of2025GetsThreeMoreMonths() {
        fixture.given(submittedOn(LocalDate.of(2025, 9, 1)))
                .when(new ExtendDecisionDeadline(caseId, COMPLEX, LocalDate.of(2025, 12, 1)))
                .expectEvents(new DeadlineExtended(caseId, COMPLEX, LocalDate.of(2026, 3, 1)));
    }

    @Test
    void extendsTheDeadlineOnlyOnce() {
        fixture.given(submitted, new DeadlineExtended(caseId, COMPLEX, LocalDate.of(2028, 5, 23)))
                .when(new ExtendDecisionDeadline(caseId, "Still complex.", LocalDate.of(2027, 3, 1)))
                .expectException(rule("DEADLINE_ALREADY_EXTENDED"))
                .expectExceptionMessage(
                        "The decision deadline may be extended only once; it was extended already, to" + " 2028-05-23.")
                .expectNoEvents();
    }

    @Test
    void refusesAnExtensionAfterTheDecision() {
        fixture.given(
                        submitted,
                        new ChecklistCompletionRecorded(caseId),
                        new BiometricsCollectionRecorded(caseId),
                        new DecisionMade(caseId, Outcome.GRANTED, List.of(), "All conditions met."))
                .when(new ExtendDecisionDeadline(caseId, COMPLEX, LocalDate.of(2027, 1, 4)))
                .expectException(rule("DEADLINE_EXTENSION_AFTER_DECISION"))
                .expectNoEvents();
    }

    @Test
    void refusesAnExtensionOnceTheDeadlineHasPassedButNotOnItsLastDay() {
        ApplicationSubmitted september = submittedOn(LocalDate.of(2025, 9, 1));
        fixture.given(september)
                .when(new ExtendDecisionDeadline(caseId, COMPLEX, LocalDate.of(2025, 12, 2)))
                .expectException(rule("DEADLINE_ALREADY_PASSED"))
                .expectExceptionMessage(
                        "The decision deadline ended on 2025-12-01: it can be extended only while it runs.")
                .expectNoEvents();
        fixture.given(september)
                .when(new ExtendDecisionDeadline(caseId, COMPLEX, LocalDate.of(2025, 12, 1)))
                .expectEvents(new DeadlineExtended(caseId, COMPLEX, LocalDate.of(2026, 3, 1)));
    }

    @Test
    void refusesAnExtensionThePolicyDoesNotProvide() {
        AggregateTestFixture<ReunificationCase> strict = new AggregateTestFixture<>(ReunificationCase.class);
        strict.registerInjectableResource(
                new DecisionDeadlinePolicy(List.of(new Rule(LocalDate.of(2000, 1, 1), 9, 0))));
        strict.given(submitted)
                .when(new ExtendDecisionDeadline(caseId, COMPLEX, LocalDate.of(2027, 1, 4)))
                .expectException(rule("DEADLINE_EXTENSION_NOT_PROVIDED"))
                .expectNoEvents();
    }

    @Test
    void refusesAnExtensionWithoutAReason() {
        fixture.given(submitted)
                .when(new ExtendDecisionDeadline(caseId, " ", LocalDate.of(2027, 1, 4)))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void recordsTheEndOfAMembersStayAndTheSameDayAgainChangesNothing() {
        MemberId child = household.getFirst().memberId();
        LocalDate march = LocalDate.of(2027, 3, 1);
        fixture.given(submitted)
                .when(new UpdateMemberStay(caseId, child, march))
                .expectEvents(new MemberStayChanged(caseId, child, march));
        fixture.given(submitted, new MemberStayChanged(caseId, child, march))
                .when(new UpdateMemberStay(caseId, child, march))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(submitted, new MemberStayChanged(caseId, child, march))
                .when(new UpdateMemberStay(caseId, child, march.plusYears(1)))
                .expectEvents(new MemberStayChanged(caseId, child, march.plusYears(1)));
    }

    @Test
    void aStayGivenAtRegistrationIsKnown() {
        Member present = new Member(
                MemberId.newId(),
                "Rui Child",
                Relationship.MINOR_CHILD,
                LocalDate.of(2015, 3, 1),
                "BRA",
                true,
                LocalDate.of(2024, 1, 10),
                null,
                null,
                LocalDate.of(2027, 3, 1));
        fixture.given(new ApplicationSubmitted(
                        caseId, "applicant-1", LocalDate.of(2026, 11, 23), sponsor, List.of(present), contact))
                .when(new UpdateMemberStay(caseId, present.memberId(), LocalDate.of(2027, 3, 1)))
                .expectNoEvents();
    }

    @Test
    void refusesTheStayOfAMemberTheCaseDoesNotName() {
        fixture.given(submitted)
                .when(new UpdateMemberStay(caseId, MemberId.newId(), LocalDate.of(2027, 3, 1)))
                .expectException(MemberNotFound.class)
                .expectNoEvents();
    }
}

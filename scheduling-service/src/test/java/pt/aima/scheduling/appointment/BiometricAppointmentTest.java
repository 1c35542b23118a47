package pt.aima.scheduling.appointment;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.scheduling.appointment.AppointmentCommand.BookSlot;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordApplication;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordBiometricsCollected;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordChecklistCompleted;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordMissedAppointment;
import pt.aima.scheduling.appointment.AppointmentCommand.RegisterCourtOrder;
import pt.aima.scheduling.appointment.AppointmentCommand.ReportDeadlineAtRisk;
import pt.aima.scheduling.appointment.AppointmentCommand.RequestReschedule;
import pt.aima.scheduling.appointment.AppointmentEvent.ApplicationRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentMissed;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentReleased;
import pt.aima.scheduling.appointment.AppointmentEvent.AppointmentRescheduled;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricSlotBooked;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricsRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseQueued;
import pt.aima.scheduling.appointment.AppointmentEvent.CaseRegionRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.ChecklistCompletionRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.CourtOrderDeadlineAtRiskReported;
import pt.aima.scheduling.appointment.AppointmentEvent.CourtOrderRecorded;
import pt.aima.scheduling.appointment.SchedulingPolicy.SchedulableWhen;

class BiometricAppointmentTest {

    private static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);
    private static final LocalDateTime NINE_ON_TUESDAY = TUESDAY.atTime(9, 0);
    private static final LocalDate SUBMITTED = LocalDate.of(2026, 11, 2);
    private static final Instant REGISTERED_AT = Instant.parse("2026-11-02T10:00:00Z");

    private final CaseId caseId = CaseId.newId();
    private final List<MemberId> members = List.of(MemberId.newId(), MemberId.newId());
    private final ApplicationRecorded recorded =
            new ApplicationRecorded(caseId, "applicant-1", SUBMITTED, 2, REGISTERED_AT, members);
    private final CaseRegionRecorded inFaro = new CaseRegionRecorded(caseId, Region.FARO);
    private final ChecklistCompletionRecorded completed = new ChecklistCompletionRecorded(caseId);
    private final CaseQueued queued = new CaseQueued(caseId, SUBMITTED, REGISTERED_AT, 2);
    private final BookSlot tuesday = new BookSlot(caseId, "LISBOA-1", TUESDAY, 0, 2, NINE_ON_TUESDAY, 30, null, null);
    private final BiometricSlotBooked booked =
            new BiometricSlotBooked(caseId, "LISBOA-1", NINE_ON_TUESDAY, 30, members);

    private FixtureConfiguration<BiometricAppointment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BiometricAppointment.class);
        fixture.registerInjectableResource(SchedulingPolicy.standard());
    }

    private RecordApplication registration() {
        return new RecordApplication(caseId, "applicant-1", SUBMITTED, REGISTERED_AT, members, Region.FARO);
    }

    @Test
    void recordsTheRegistrationButQueuesOnlyOnceTheChecklistIsComplete() {
        fixture.givenNoPriorActivity().when(registration()).expectEvents(recorded, inFaro);

        fixture.given(recorded, inFaro)
                .when(new RecordChecklistCompleted(caseId))
                .expectEvents(completed, queued);
    }

    @Test
    void aRegistrationFromBeforeRegionsPlacesTheCaseInTheDefaultRegion() {
        fixture.givenNoPriorActivity()
                .when(new RecordApplication(caseId, "applicant-1", SUBMITTED, REGISTERED_AT, members))
                .expectEvents(recorded, new CaseRegionRecorded(caseId, Region.BEFORE_REGIONS));
    }

    @Test
    void aChecklistCompletedBeforeTheRegistrationWaitsForTheRegistrationWhichOrdersTheQueue() {
        fixture.givenNoPriorActivity()
                .when(new RecordChecklistCompleted(caseId))
                .expectEvents(completed);
        fixture.given(completed).when(registration()).expectEvents(recorded, inFaro, queued);
    }

    @Test
    void underThePolicyOfSchedulingAtRegistrationTheCaseIsQueuedAtOnce() {
        FixtureConfiguration<BiometricAppointment> atRegistration =
                new AggregateTestFixture<>(BiometricAppointment.class);
        atRegistration.registerInjectableResource(new SchedulingPolicy(SchedulableWhen.REGISTERED, 1, 1));
        atRegistration.givenNoPriorActivity().when(registration()).expectEvents(recorded, inFaro, queued);
    }

    @Test
    void booksTheSlotsTheSchedulerChoseForTheWholeHousehold() {
        fixture.given(recorded, completed, queued)
                .when(tuesday)
                .expectEvents(booked)
                .expectEventsMatching(exactSequenceOf(
                        predicate(event -> BookedSlots.of(event.getMetaData())
                                .equals(Optional.of(new BookedSlots(TUESDAY, 0, 2, 15)))),
                        andNoMore()));
    }

    @Test
    void neverBooksASecondSlot() {
        fixture.given(recorded, completed, queued, booked).when(tuesday).expectNoEvents();
    }

    @Test
    void booksNothingForACaseNotInTheQueue() {
        fixture.given(recorded).when(tuesday).expectNoEvents();
    }

    @Test
    void aDisplacedAppointmentMovesWithItsReason() {
        LocalDateTime thursday = TUESDAY.plusDays(2).atTime(9, 30);
        fixture.given(recorded, completed, queued, booked)
                .when(new BookSlot(
                        caseId, "LISBOA-1", thursday.toLocalDate(), 2, 2, thursday, 30, "DESK_CLOSED", "Strike"))
                .expectEvents(new AppointmentRescheduled(
                        caseId, "LISBOA-1", NINE_ON_TUESDAY, "LISBOA-1", thursday, 30, "DESK_CLOSED", "Strike"));
    }

    @Test
    void theApplicantMayAskForAnotherDateAsOftenAsThePolicyAllows() {
        AppointmentReleased released = new AppointmentReleased(
                caseId,
                "LISBOA-1",
                NINE_ON_TUESDAY,
                "APPLICANT_REQUEST",
                "You asked for another date.",
                TUESDAY.plusDays(1));
        fixture.given(recorded, completed, queued, booked)
                .when(new RequestReschedule(caseId))
                .expectEvents(released);

        LocalDateTime friday = TUESDAY.plusDays(3).atTime(9, 0);
        AppointmentRescheduled moved = new AppointmentRescheduled(
                caseId,
                "LISBOA-1",
                NINE_ON_TUESDAY,
                "LISBOA-1",
                friday,
                30,
                "APPLICANT_REQUEST",
                "You asked for another date.");
        fixture.given(recorded, completed, queued, booked, released)
                .when(new BookSlot(caseId, "LISBOA-1", friday.toLocalDate(), 0, 2, friday, 30, null, null))
                .expectEvents(moved);

        fixture.given(recorded, completed, queued, booked, released, moved)
                .when(new RequestReschedule(caseId))
                .expectException(AppointmentRefused.class)
                .expectNoEvents();
    }

    @Test
    void refusesARescheduleWithoutAnAppointment() {
        fixture.given(recorded, completed, queued)
                .when(new RequestReschedule(caseId))
                .expectException(AppointmentRefused.class)
                .expectExceptionMessage("The case has no biometric appointment to change.");
    }

    @Test
    void aFirstMissedAppointmentIsRescheduledAndASecondFlaggedToACaseworker() {
        AppointmentMissed firstMiss = new AppointmentMissed(caseId, "LISBOA-1", NINE_ON_TUESDAY, false);
        AppointmentReleased released = new AppointmentReleased(
                caseId,
                "LISBOA-1",
                NINE_ON_TUESDAY,
                "MISSED_APPOINTMENT",
                "Nobody came to the appointment; a new one was booked.",
                TUESDAY.plusDays(1));
        fixture.given(recorded, completed, queued, booked)
                .when(new RecordMissedAppointment(caseId, NINE_ON_TUESDAY.plusMinutes(20)))
                .expectEvents(firstMiss, released);

        LocalDateTime later = TUESDAY.plusDays(7).atTime(10, 0);
        AppointmentRescheduled rebooked = new AppointmentRescheduled(
                caseId,
                "LISBOA-1",
                NINE_ON_TUESDAY,
                "LISBOA-1",
                later,
                30,
                "MISSED_APPOINTMENT",
                "Nobody came to the appointment; a new one was booked.");
        fixture.given(recorded, completed, queued, booked, firstMiss, released, rebooked)
                .when(new RecordMissedAppointment(caseId, later.plusHours(1)))
                .expectEvents(new AppointmentMissed(caseId, "LISBOA-1", later, true));
    }

    @Test
    void refusesANoShowBeforeTheAppointmentHasStarted() {
        fixture.given(recorded, completed, queued, booked)
                .when(new RecordMissedAppointment(caseId, NINE_ON_TUESDAY.minusDays(1)))
                .expectException(AppointmentRefused.class)
                .expectExceptionMessage(
                        "A no-show is recorded only once the appointment has started; it starts at 2026-11-24T09:00.")
                .expectNoEvents();
        fixture.given(recorded, completed, queued, booked)
                .when(new RecordMissedAppointment(caseId, NINE_ON_TUESDAY.minusMinutes(1)))
                .expectException(AppointmentRefused.class)
                .expectNoEvents();
    }

    @Test
    void aNoShowAtTheAppointmentsStartIsRecordedAndRebookedNotBeforeTheNextDay() {
        fixture.given(recorded, completed, queued, booked)
                .when(new RecordMissedAppointment(caseId, NINE_ON_TUESDAY))
                .expectEvents(
                        new AppointmentMissed(caseId, "LISBOA-1", NINE_ON_TUESDAY, false),
                        new AppointmentReleased(
                                caseId,
                                "LISBOA-1",
                                NINE_ON_TUESDAY,
                                "MISSED_APPOINTMENT",
                                "Nobody came to the appointment; a new one was booked.",
                                TUESDAY.plusDays(1)));
    }

    @Test
    void aCourtOrderWhoseDeadlineTheAppointmentMissesGivesUpTheAppointmentForAnEarlierOne() {
        LocalDate deadline = TUESDAY.minusDays(1);
        fixture.given(recorded, completed, queued, booked)
                .when(new RegisterCourtOrder(caseId, "123/26.0BELSB", deadline))
                .expectEvents(
                        new CourtOrderRecorded(caseId, "123/26.0BELSB", deadline),
                        new AppointmentReleased(
                                caseId,
                                "LISBOA-1",
                                NINE_ON_TUESDAY,
                                "COURT_ORDER",
                                "A court ordered an earlier appointment.",
                                null));
    }

    @Test
    void aCourtOrderAnAppointmentAlreadyMeetsChangesNothingElse() {
        fixture.given(recorded, completed, queued, booked)
                .when(new RegisterCourtOrder(caseId, "123/26.0BELSB", TUESDAY.plusDays(10)))
                .expectEvents(new CourtOrderRecorded(caseId, "123/26.0BELSB", TUESDAY.plusDays(10)));
    }

    @Test
    void aDeadlineAtRiskIsReportedOncePerCourtOrder() {
        CourtOrderRecorded order = new CourtOrderRecorded(caseId, "123/26.0BELSB", TUESDAY);
        CourtOrderDeadlineAtRiskReported risk = new CourtOrderDeadlineAtRiskReported(
                caseId, "123/26.0BELSB", TUESDAY, TUESDAY.plusDays(4), "NO_CAPACITY_BEFORE_DEADLINE");
        fixture.given(recorded, completed, queued, order)
                .when(new ReportDeadlineAtRisk(caseId, TUESDAY.plusDays(4), "NO_CAPACITY_BEFORE_DEADLINE"))
                .expectEvents(risk);
        fixture.given(recorded, completed, queued, order, risk)
                .when(new ReportDeadlineAtRisk(caseId, TUESDAY.plusDays(4), "NO_CAPACITY_BEFORE_DEADLINE"))
                .expectNoEvents();
    }

    @Test
    void refusesBiometricsBeforeASlotIsAssigned() {
        fixture.given(recorded)
                .when(new RecordBiometricsCollected(caseId))
                .expectException(BiometricsNotAllowed.class)
                .expectExceptionMessage(
                        "The case has no biometric appointment yet: it is scheduled once every required document is accepted.")
                .expectNoEvents();
    }

    @Test
    void recordsBiometricsAtTheBookedDeskOnlyOnce() {
        fixture.given(recorded, completed, queued, booked)
                .when(new RecordBiometricsCollected(caseId))
                .expectEvents(new BiometricsRecorded(caseId, "LISBOA-1"));
        fixture.given(recorded, completed, queued, booked, new BiometricsRecorded(caseId, "LISBOA-1"))
                .when(new RecordBiometricsCollected(caseId))
                .expectException(BiometricsNotAllowed.class)
                .expectNoEvents();
    }
}

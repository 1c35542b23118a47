package pt.aima.scheduling.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.kernel.ids.CaseId;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordApplication;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordBiometricsCollected;
import pt.aima.scheduling.appointment.AppointmentCommand.ScheduleBiometrics;
import pt.aima.scheduling.appointment.AppointmentEvent.ApplicationRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricSlotBooked;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricsRecorded;

class BiometricAppointmentTest {

    private static final LocalDateTime NINE_ON_TUESDAY = LocalDateTime.of(2026, 11, 24, 9, 0);

    private final CaseId caseId = CaseId.newId();
    private final ApplicationRecorded recorded =
            new ApplicationRecorded(caseId, "applicant-1", LocalDate.of(2026, 11, 2), 3);
    private final BiometricSlotBooked booked = new BiometricSlotBooked(caseId, "LISBOA-1", NINE_ON_TUESDAY, 15);
    private final TakenSlots desk = new TakenSlots();

    private FixtureConfiguration<BiometricAppointment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BiometricAppointment.class);
        fixture.registerInjectableResource(desk);
    }

    @Test
    void recordsWhoseCaseItIs() {
        fixture.givenNoPriorActivity()
                .when(new RecordApplication(caseId, "applicant-1", LocalDate.of(2026, 11, 2), 3))
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded);
    }

    @Test
    void booksASlotOnceTheChecklistIsComplete() {
        fixture.given(recorded).when(new ScheduleBiometrics(caseId)).expectEvents(booked);
        assertThat(desk.askedFor).containsExactly(caseId);
    }

    @Test
    void booksASlotEvenBeforeHearingOfTheRegistration() {
        fixture.givenNoPriorActivity().when(new ScheduleBiometrics(caseId)).expectEvents(booked);
    }

    @Test
    void recordsARegistrationThatArrivesAfterTheBooking() {
        fixture.given(booked)
                .when(new RecordApplication(caseId, "applicant-1", LocalDate.of(2026, 11, 2), 3))
                .expectEvents(recorded);
    }

    @Test
    void neverBooksASecondSlot() {
        fixture.given(recorded, booked).when(new ScheduleBiometrics(caseId)).expectNoEvents();
        assertThat(desk.askedFor).as("the desk is not even asked").isEmpty();
    }

    @Test
    void recordsTheRegistrationOnlyOnce() {
        fixture.given(recorded)
                .when(new RecordApplication(caseId, "applicant-1", LocalDate.of(2026, 11, 2), 3))
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
    void recordsBiometricsAtTheBookedDesk() {
        fixture.given(recorded, booked)
                .when(new RecordBiometricsCollected(caseId))
                .expectEvents(new BiometricsRecorded(caseId, "LISBOA-1"));
    }

    @Test
    void recordsBiometricsOnlyOnce() {
        fixture.given(recorded, booked, new BiometricsRecorded(caseId, "LISBOA-1"))
                .when(new RecordBiometricsCollected(caseId))
                .expectException(BiometricsNotAllowed.class)
                .expectExceptionMessage("The biometrics of this case have already been collected.")
                .expectNoEvents();
    }

    /** A desk whose next slot is Tuesday 09:00; remembers which cases asked. */
    static class TakenSlots implements SlotAllocator {

        final List<CaseId> askedFor = new ArrayList<>();

        @Override
        public Slot allocate(CaseId caseId) {
            askedFor.add(caseId);
            return new Slot("LISBOA-1", NINE_ON_TUESDAY, 15);
        }
    }
}

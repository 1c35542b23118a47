package pt.aima.scheduling.appointment;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.axonframework.serialization.Revision;
import pt.aima.kernel.ids.CaseId;

/**
 * What happened to a case's biometric appointment, as scheduling-service records it. Internal: {@code publishing}
 * decides what other services see.
 */
public sealed interface AppointmentEvent {

    CaseId caseId();

    /**
     * The case as the queue needs it.
     *
     * @param applicantId the applicant's account: the only one, besides staff, who may see the appointment
     */
    @Revision("1")
    record ApplicationRecorded(CaseId caseId, String applicantId, LocalDate submittedOn, int householdSize)
            implements AppointmentEvent {}

    /**
     * A slot at a desk is the case's.
     *
     * @param startsAt local time at the desk
     */
    @Revision("1")
    record BiometricSlotBooked(CaseId caseId, String deskId, LocalDateTime startsAt, int durationMinutes)
            implements AppointmentEvent {}

    @Revision("1")
    record BiometricsRecorded(CaseId caseId, String deskId) implements AppointmentEvent {}
}

package pt.aima.scheduling.appointment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;

/** What may be asked of a case's biometric appointment. */
public sealed interface AppointmentCommand {

    CaseId caseId();

    /**
     * application-service registered the case: who the applicant is, and the facts that order the queue.
     *
     * @param registeredAt when the registration was recorded; orders cases submitted on the same day
     * @param memberIds the family members to be seen, one slot each
     * @param region where the household lives: the case is booked at a desk there ({@link Region#BEFORE_REGIONS}
     *     when null, for registrations published before regions existed)
     */
    record RecordApplication(
            @TargetAggregateIdentifier CaseId caseId,
            String applicantId,
            LocalDate submittedOn,
            Instant registeredAt,
            List<MemberId> memberIds,
            Region region)
            implements AppointmentCommand {

        /** A registration from before regions existed: the case is in {@link Region#BEFORE_REGIONS}. */
        public RecordApplication(
                CaseId caseId,
                String applicantId,
                LocalDate submittedOn,
                Instant registeredAt,
                List<MemberId> memberIds) {
            this(caseId, applicantId, submittedOn, registeredAt, memberIds, null);
        }
    }

    /** document-service accepted every required document. */
    record RecordChecklistCompleted(@TargetAggregateIdentifier CaseId caseId) implements AppointmentCommand {}

    /**
     * The scheduler placed the case: consecutive slots from {@code firstIndex} at one desk on one day. When the case
     * held an appointment that had to move, {@code reasonCode} and {@code reason} say why.
     */
    record BookSlot(
            @TargetAggregateIdentifier CaseId caseId,
            String deskId,
            LocalDate day,
            int firstIndex,
            int slots,
            LocalDateTime startsAt,
            int durationMinutes,
            String reasonCode,
            String reason)
            implements AppointmentCommand {}

    /** The applicant asks for another date. */
    record RequestReschedule(@TargetAggregateIdentifier CaseId caseId) implements AppointmentCommand {}

    /**
     * Nobody of the household came to the appointment.
     *
     * @param nowAtDesk the local time at the appointment's desk when the no-show is recorded: only an appointment
     *     that has started can have been missed
     */
    record RecordMissedAppointment(@TargetAggregateIdentifier CaseId caseId, LocalDateTime nowAtDesk)
            implements AppointmentCommand {}

    /** A court ordered AIMA to act on the case by {@code deadline}. */
    record RegisterCourtOrder(@TargetAggregateIdentifier CaseId caseId, String reference, LocalDate deadline)
            implements AppointmentCommand {}

    /**
     * The scheduler cannot meet the court's deadline; {@code earliestPossibleOn} is null when nothing is free.
     *
     * @param reasonCode {@code NO_CAPACITY_BEFORE_DEADLINE} or {@code APPOINTMENT_MOVED_PAST_DEADLINE}
     */
    record ReportDeadlineAtRisk(
            @TargetAggregateIdentifier CaseId caseId, LocalDate earliestPossibleOn, String reasonCode)
            implements AppointmentCommand {}

    /** A caseworker collected the household's biometrics at the desk and saw the originals. */
    record RecordBiometricsCollected(@TargetAggregateIdentifier CaseId caseId) implements AppointmentCommand {}
}

package pt.aima.scheduling.appointment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.serialization.Revision;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.eventstore.StoredAs;

/**
 * What happened to a case's biometric appointment, as scheduling-service records it. Internal: {@code publishing}
 * decides what other services see.
 */
public sealed interface AppointmentEvent {

    CaseId caseId();

    /**
     * The case as the queue needs it. {@code registeredAt} and {@code memberIds} were added later: events stored
     * before have null (ordered by submission date alone; one slot per member counted in {@code householdSize}).
     *
     * @param applicantId the applicant's account: the only one, besides staff, who may see the appointment
     */
    @StoredAs("scheduling.ApplicationRecorded")
    @Revision("1")
    record ApplicationRecorded(
            CaseId caseId,
            String applicantId,
            LocalDate submittedOn,
            int householdSize,
            Instant registeredAt,
            List<MemberId> memberIds)
            implements AppointmentEvent {}

    /**
     * Where the household lives, recorded with the registration (and before it joins the queue): the case is booked at
     * a desk of this region. Cases recorded before regions existed have no such event and are in {@link
     * Region#BEFORE_REGIONS}.
     */
    @StoredAs("scheduling.CaseRegionRecorded")
    @Revision("1")
    record CaseRegionRecorded(CaseId caseId, Region region) implements AppointmentEvent {}

    /** Every required document is accepted. */
    @StoredAs("scheduling.ChecklistCompletionRecorded")
    @Revision("1")
    record ChecklistCompletionRecorded(CaseId caseId) implements AppointmentEvent {}

    /** The case waits in the queue for its first appointment, ordered by these facts. */
    @StoredAs("scheduling.CaseQueued")
    @Revision("1")
    record CaseQueued(CaseId caseId, LocalDate submittedOn, Instant registeredAt, int householdSize)
            implements AppointmentEvent {}

    /**
     * Consecutive slots at a desk are the household's. {@code memberIds} was added later (null in older events).
     *
     * @param startsAt local time at the desk of the first member's slot
     * @param durationMinutes the whole appointment
     */
    @StoredAs("scheduling.BiometricSlotBooked")
    @Revision("1")
    record BiometricSlotBooked(
            CaseId caseId, String deskId, LocalDateTime startsAt, int durationMinutes, List<MemberId> memberIds)
            implements AppointmentEvent {}

    /** The appointment moved, always with a reason. */
    @StoredAs("scheduling.AppointmentRescheduled")
    @Revision("1")
    record AppointmentRescheduled(
            CaseId caseId,
            String previousDeskId,
            LocalDateTime previousStartsAt,
            String deskId,
            LocalDateTime startsAt,
            int durationMinutes,
            String reasonCode,
            String reason)
            implements AppointmentEvent {}

    /**
     * The appointment was given up and the case waits for a new one, which {@link AppointmentRescheduled} announces.
     *
     * @param notBefore the earliest day of the new appointment, or null
     */
    @StoredAs("scheduling.AppointmentReleased")
    @Revision("1")
    record AppointmentReleased(
            CaseId caseId, String deskId, LocalDateTime startsAt, String reasonCode, String reason, LocalDate notBefore)
            implements AppointmentEvent {}

    /** Nobody came; {@code flaggedToCaseworker} when the rule gives no new appointment. */
    @StoredAs("scheduling.AppointmentMissed")
    @Revision("1")
    record AppointmentMissed(CaseId caseId, String deskId, LocalDateTime startsAt, boolean flaggedToCaseworker)
            implements AppointmentEvent {}

    @StoredAs("scheduling.CourtOrderRecorded")
    @Revision("1")
    record CourtOrderRecorded(CaseId caseId, String reference, LocalDate deadline) implements AppointmentEvent {}

    @StoredAs("scheduling.CourtOrderDeadlineAtRiskReported")
    @Revision("1")
    record CourtOrderDeadlineAtRiskReported(
            CaseId caseId, String reference, LocalDate deadline, LocalDate earliestPossibleOn, String reasonCode)
            implements AppointmentEvent {}

    @StoredAs("scheduling.BiometricsRecorded")
    @Revision("1")
    record BiometricsRecorded(CaseId caseId, String deskId) implements AppointmentEvent {}
}

package pt.aima.scheduling.publishing;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.scheduling.BiometricAppointmentMissed;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.kernel.scheduling.CourtOrderDeadlineAtRisk;
import pt.aima.kernel.scheduling.CourtOrderRegistered;
import pt.aima.kernel.scheduling.DeskCapacityChanged;
import pt.aima.platform.relay.IntegrationEventTranslator;
import pt.aima.scheduling.appointment.AppointmentEvent;
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
import pt.aima.scheduling.desk.DeskEvent;
import pt.aima.scheduling.desk.DeskEvent.CapacitySet;
import pt.aima.scheduling.desk.DeskEvent.DeskClosed;

/**
 * What scheduling-service publishes: appointments, their moves (always with the reason), no-shows, court orders and
 * their risks, the collection of the biometrics, and the desks' capacity. One internal event becomes at most one
 * integration event, so each keeps its own event id. What it learnt of the case from other services is theirs to
 * publish; giving up an appointment is published once the new one is booked (as its reschedule).
 */
@Component
class SchedulingEventTranslator implements IntegrationEventTranslator {

    /** What scheduling learnt of the case from other services, its place in the queue, a released slot. */
    private static final Set<Class<?>> KEPT_INSIDE = Set.of(
            ApplicationRecorded.class,
            ChecklistCompletionRecorded.class,
            CaseQueued.class,
            CaseRegionRecorded.class,
            AppointmentReleased.class);

    @Override
    public Set<Class<?>> keptInside() {
        return KEPT_INSIDE;
    }

    @Override
    public List<IntegrationEvent> translate(Object internalEvent) {
        if (internalEvent instanceof DeskEvent desk) {
            return List.of(desk(desk));
        }
        if (!(internalEvent instanceof AppointmentEvent event)) {
            return List.of();
        }
        return switch (event) {
            case BiometricSlotBooked booked ->
                List.of(new BiometricSlotAssigned(
                        booked.caseId(),
                        booked.deskId(),
                        booked.startsAt(),
                        booked.durationMinutes(),
                        booked.memberIds() == null || booked.memberIds().isEmpty() ? null : booked.memberIds()));
            case AppointmentRescheduled moved ->
                List.of(new BiometricAppointmentRescheduled(
                        moved.caseId(),
                        moved.deskId(),
                        moved.previousDeskId(),
                        moved.previousStartsAt(),
                        moved.startsAt(),
                        moved.durationMinutes(),
                        moved.reasonCode(),
                        moved.reason()));
            case AppointmentMissed missed ->
                List.of(new BiometricAppointmentMissed(
                        missed.caseId(),
                        missed.deskId(),
                        missed.startsAt(),
                        missed.flaggedToCaseworker()
                                ? BiometricAppointmentMissed.Next.FLAGGED_TO_CASEWORKER
                                : BiometricAppointmentMissed.Next.RESCHEDULED));
            case CourtOrderRecorded order ->
                List.of(new CourtOrderRegistered(order.caseId(), order.reference(), order.deadline()));
            case CourtOrderDeadlineAtRiskReported risk ->
                List.of(new CourtOrderDeadlineAtRisk(
                        risk.caseId(),
                        risk.reference(),
                        risk.deadline(),
                        risk.earliestPossibleOn(),
                        risk.reasonCode()));
            case BiometricsRecorded recorded -> List.of(new BiometricsCollected(recorded.caseId(), recorded.deskId()));
            case ApplicationRecorded ignored -> List.of();
            case ChecklistCompletionRecorded ignored -> List.of();
            case CaseQueued ignored -> List.of();
            case CaseRegionRecorded ignored -> List.of();
            case AppointmentReleased ignored -> List.of();
        };
    }

    private static IntegrationEvent desk(DeskEvent event) {
        return switch (event) {
            case CapacitySet set ->
                new DeskCapacityChanged(
                        set.deskId().value(),
                        DeskCapacityChanged.Change.CAPACITY_SET,
                        set.effectiveFrom(),
                        set.effectiveUntil(),
                        set.openingDays(),
                        set.slotsPerDay(),
                        set.firstSlot(),
                        set.slotMinutes(),
                        set.reason(),
                        set.region());
            case DeskClosed closed ->
                new DeskCapacityChanged(
                        closed.deskId().value(),
                        DeskCapacityChanged.Change.CLOSED,
                        closed.from(),
                        closed.until(),
                        null,
                        null,
                        null,
                        null,
                        closed.reason());
        };
    }
}

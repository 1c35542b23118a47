package pt.aima.kernel.scheduling;

import java.time.LocalDateTime;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * Nobody of the household came to the appointment. By rule the first missed appointment is rescheduled (a
 * {@link BiometricAppointmentRescheduled} with reason {@code MISSED_APPOINTMENT} follows) and a further one is
 * flagged to a caseworker, who decides what happens to the case.
 *
 * @param startsAt local time of the missed appointment
 * @param next what happens now
 */
@PublishedEvent(type = "BiometricAppointmentMissed", version = 1)
public record BiometricAppointmentMissed(CaseId caseId, String deskId, LocalDateTime startsAt, Next next)
        implements SchedulingEvent {

    public enum Next {
        /** A new appointment is booked; its own event follows. */
        RESCHEDULED,
        /** No new appointment: a caseworker looks at the case. */
        FLAGGED_TO_CASEWORKER
    }
}

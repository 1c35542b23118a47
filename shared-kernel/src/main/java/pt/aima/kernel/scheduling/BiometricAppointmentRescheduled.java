package pt.aima.kernel.scheduling;

import java.time.LocalDateTime;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * The case's appointment moved: the applicant must be told where and when, and why. Never published without a reason.
 *
 * @param deskId the desk of the new appointment
 * @param previousDeskId the desk of the appointment that no longer holds
 * @param previousStartsAt local time of the appointment that no longer holds
 * @param startsAt local time of the new appointment at {@code deskId}
 * @param durationMinutes the whole new appointment (every member's slot)
 * @param reasonCode stable code: {@code DESK_CLOSED}, {@code CAPACITY_REDUCED}, {@code APPLICANT_REQUEST},
 *     {@code MISSED_APPOINTMENT}, {@code COURT_ORDER} (a court ordered an earlier appointment)
 * @param reason the words given with the code: the scheduler's own (English) sentence, or for a closure operations'
 *     reason as they typed it. Applicants are told the reason in their language from {@code reasonCode}; only
 *     operations' words are shown beside it, as written
 */
@PublishedEvent(type = "BiometricAppointmentRescheduled", version = 1)
public record BiometricAppointmentRescheduled(
        CaseId caseId,
        String deskId,
        String previousDeskId,
        LocalDateTime previousStartsAt,
        LocalDateTime startsAt,
        int durationMinutes,
        String reasonCode,
        String reason)
        implements SchedulingEvent {}

package pt.aima.kernel.scheduling;

import java.time.LocalDate;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * Operations must act now: the desks' capacity does not allow a court-ordered case's appointment on or before the
 * court's deadline (no free slots for the whole household before it, or a closure moved the appointment past it).
 *
 * @param reference the court's reference of the order
 * @param deadline the last day the appointment may take place
 * @param earliestPossibleOn the earliest day the household could be seen at the current capacity; null when no desk
 *     has room within the scheduling horizon
 * @param reasonCode stable code: {@code NO_CAPACITY_BEFORE_DEADLINE}, {@code APPOINTMENT_MOVED_PAST_DEADLINE}
 */
@PublishedEvent(type = "CourtOrderDeadlineAtRisk", version = 1)
public record CourtOrderDeadlineAtRisk(
        CaseId caseId, String reference, LocalDate deadline, LocalDate earliestPossibleOn, String reasonCode)
        implements SchedulingEvent {}

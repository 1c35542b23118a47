package pt.aima.kernel.scheduling;

import java.time.LocalDate;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * A court ordered AIMA to act on the case within a set time: the case moves to the priority lane and its biometric
 * appointment is scheduled on or before {@code deadline}, ahead of the normal order.
 *
 * @param reference the court's reference of the order (process number)
 * @param deadline the last day the appointment may take place
 */
@PublishedEvent(type = "CourtOrderRegistered", version = 1)
public record CourtOrderRegistered(CaseId caseId, String reference, LocalDate deadline) implements SchedulingEvent {}

package pt.aima.kernel.scheduling;

import java.time.LocalDateTime;
import pt.aima.kernel.envelope.PublishedEvent;
import pt.aima.kernel.ids.CaseId;

/**
 * The case has a biometric-collection appointment.
 *
 * @param deskId the AIMA service desk
 * @param startsAt local time at the desk (Europe/Lisbon or Atlantic/Azores, as the desk is)
 */
@PublishedEvent(type = "BiometricSlotAssigned", version = 1)
public record BiometricSlotAssigned(CaseId caseId, String deskId, LocalDateTime startsAt, int durationMinutes)
        implements SchedulingEvent {}

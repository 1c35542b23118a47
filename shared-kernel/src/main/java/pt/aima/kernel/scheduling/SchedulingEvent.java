package pt.aima.kernel.scheduling;

import pt.aima.kernel.envelope.IntegrationEvent;

/** What scheduling-service publishes on {@link pt.aima.kernel.Topics#SCHEDULING_EVENTS}. */
public sealed interface SchedulingEvent extends IntegrationEvent
        permits BiometricSlotAssigned,
                BiometricAppointmentRescheduled,
                BiometricAppointmentMissed,
                BiometricsCollected,
                DeskCapacityChanged,
                CourtOrderRegistered,
                CourtOrderDeadlineAtRisk {}

package pt.aima.scheduling.publishing;

import java.util.List;
import org.springframework.stereotype.Component;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.platform.relay.IntegrationEventTranslator;
import pt.aima.scheduling.appointment.AppointmentEvent;
import pt.aima.scheduling.appointment.AppointmentEvent.ApplicationRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricSlotBooked;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricsRecorded;

/**
 * What scheduling-service publishes: the appointment and the collection of the biometrics. What it learnt of the case
 * from application-service is application-service's to publish, not repeated here.
 */
@Component
class SchedulingEventTranslator implements IntegrationEventTranslator {

    @Override
    public List<IntegrationEvent> translate(Object internalEvent) {
        if (!(internalEvent instanceof AppointmentEvent event)) {
            return List.of();
        }
        return switch (event) {
            case BiometricSlotBooked booked ->
                List.of(new BiometricSlotAssigned(
                        booked.caseId(), booked.deskId(), booked.startsAt(), booked.durationMinutes()));
            case BiometricsRecorded recorded -> List.of(new BiometricsCollected(recorded.caseId(), recorded.deskId()));
            case ApplicationRecorded ignored -> List.of();
        };
    }
}

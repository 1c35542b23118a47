package pt.aima.scheduling.appointment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import pt.aima.kernel.ids.CaseId;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordApplication;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordBiometricsCollected;
import pt.aima.scheduling.appointment.AppointmentCommand.ScheduleBiometrics;
import pt.aima.scheduling.appointment.AppointmentEvent.ApplicationRecorded;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricSlotBooked;
import pt.aima.scheduling.appointment.AppointmentEvent.BiometricsRecorded;

/**
 * A case's biometric appointment, from the moment scheduling-service first hears of the case to the collection of the
 * household's biometrics.
 *
 * <p>The registration and the completed checklist come from two topics and may arrive in either order (after an
 * outage the service catches up on both), so whichever comes first starts the appointment. Each fact is recorded
 * once: a repeated report changes nothing, and in particular never books a second slot.
 */
@Aggregate(snapshotTriggerDefinition = "appointmentSnapshotTrigger")
class BiometricAppointment {

    @AggregateIdentifier
    private CaseId caseId;

    private boolean applicationRecorded;
    private String deskId;
    private boolean biometricsCollected;

    BiometricAppointment() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordApplication command) {
        if (!applicationRecorded) {
            apply(new ApplicationRecorded(
                    command.caseId(), command.applicantId(), command.submittedOn(), command.householdSize()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ScheduleBiometrics command, SlotAllocator slots) {
        if (deskId != null) {
            return;
        }
        Slot slot = slots.allocate(command.caseId());
        apply(new BiometricSlotBooked(command.caseId(), slot.deskId(), slot.startsAt(), slot.durationMinutes()));
    }

    @CommandHandler
    void handle(RecordBiometricsCollected command) {
        if (deskId == null) {
            throw BiometricsNotAllowed.noAppointment();
        }
        if (biometricsCollected) {
            throw BiometricsNotAllowed.alreadyCollected();
        }
        apply(new BiometricsRecorded(caseId, deskId));
    }

    @EventSourcingHandler
    void on(ApplicationRecorded event) {
        caseId = event.caseId();
        applicationRecorded = true;
    }

    @EventSourcingHandler
    void on(BiometricSlotBooked event) {
        caseId = event.caseId();
        deskId = event.deskId();
    }

    @EventSourcingHandler
    void on(BiometricsRecorded event) {
        biometricsCollected = true;
    }
}

package pt.aima.notification.inbound;

import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.notification.casenotifications.Language;
import pt.aima.notification.casenotifications.NotificationCommand;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyBiometricAppointment;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyDecision;
import pt.aima.notification.casenotifications.NotificationCommand.NotifyRegistration;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.inbox.InboundEvents;

/**
 * Turns the steps of a case that the applicant must know about into notifications, once per event: the registration
 * (receipt), the biometric appointment and the decision.
 */
@Component
class NotificationTriggersListener {

    private static final Set<String> SUBSCRIBED =
            Set.of("ApplicationRegistered", "BiometricSlotAssigned", "DecisionIssued");

    private final InboundEvents inbound;
    private final ActingCommandGateway commands;

    NotificationTriggersListener(InboundEvents inbound, ActingCommandGateway commands) {
        this.inbound = inbound;
        this.commands = commands;
    }

    @KafkaListener(topics = {Topics.APPLICATION_EVENTS, Topics.SCHEDULING_EVENTS})
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.process(record, SUBSCRIBED, this::apply);
    }

    private void apply(EventEnvelope<IntegrationEvent> envelope) {
        NotificationCommand command =
                switch (envelope.payload()) {
                    case ApplicationRegistered registered ->
                        new NotifyRegistration(
                                registered.caseId(),
                                envelope.eventId(),
                                registered.applicantId(),
                                Language.forPreference(registered.preferredLanguage()),
                                registered.submittedOn());
                    case BiometricSlotAssigned slot ->
                        new NotifyBiometricAppointment(
                                slot.caseId(),
                                envelope.eventId(),
                                slot.deskId(),
                                slot.startsAt(),
                                slot.durationMinutes());
                    case DecisionIssued decision ->
                        new NotifyDecision(
                                decision.caseId(),
                                envelope.eventId(),
                                decision.outcome(),
                                decision.grounds(),
                                decision.reasoning());
                    default -> throw new IllegalStateException("not subscribed: " + envelope.type());
                };
        commands.sendCausedBy(command, envelope);
    }
}

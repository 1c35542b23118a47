package pt.aima.application.inbound;

import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import pt.aima.application.casefile.CaseCommand;
import pt.aima.application.casefile.CaseCommand.RecordBiometricSlot;
import pt.aima.application.casefile.CaseCommand.RecordBiometricsCollected;
import pt.aima.application.casefile.CaseCommand.RecordChecklistCompleted;
import pt.aima.application.casefile.CaseCommand.RecordChecklistOpened;
import pt.aima.kernel.Topics;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.inbox.InboundEvents;

/**
 * Records in the case what document-service and scheduling-service report, once per event: the checklist and the
 * biometrics are prerequisites of the decision, and the case status shows them (a rescheduled appointment replaces the
 * one shown).
 */
@Component
class CaseProgressListener {

    private static final Set<String> SUBSCRIBED = Set.of(
            "DocumentChecklistOpened",
            "DocumentChecklistCompleted",
            "BiometricSlotAssigned",
            "BiometricAppointmentRescheduled",
            "BiometricsCollected");

    private final InboundEvents inbound;
    private final ActingCommandGateway commands;

    CaseProgressListener(InboundEvents inbound, ActingCommandGateway commands) {
        this.inbound = inbound;
        this.commands = commands;
    }

    @KafkaListener(topics = {Topics.DOCUMENT_EVENTS, Topics.SCHEDULING_EVENTS})
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.process(record, SUBSCRIBED, this::apply);
    }

    private void apply(EventEnvelope<IntegrationEvent> envelope) {
        CaseCommand command =
                switch (envelope.payload()) {
                    case DocumentChecklistOpened opened ->
                        new RecordChecklistOpened(
                                opened.caseId(), opened.items().size());
                    case DocumentChecklistCompleted completed -> new RecordChecklistCompleted(completed.caseId());
                    case BiometricSlotAssigned slot ->
                        new RecordBiometricSlot(slot.caseId(), slot.deskId(), slot.startsAt());
                    case BiometricAppointmentRescheduled moved ->
                        new RecordBiometricSlot(moved.caseId(), moved.deskId(), moved.startsAt());
                    case BiometricsCollected collected -> new RecordBiometricsCollected(collected.caseId());
                    default -> throw new IllegalStateException("not subscribed: " + envelope.type());
                };
        commands.sendCausedBy(command, envelope);
    }
}

package pt.aima.scheduling.inbound;

import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.inbox.InboundEvents;
import pt.aima.scheduling.appointment.AppointmentCommand;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordApplication;
import pt.aima.scheduling.appointment.AppointmentCommand.RecordChecklistCompleted;

/**
 * Turns what application-service and document-service report into the appointment's commands, once per event: a
 * registration says whose case it is, when it was submitted (the queue's order) and who is to be seen; a completed
 * checklist makes the case schedulable under the default policy.
 */
@Component
class CaseProgressListener {

    private static final Set<String> SUBSCRIBED = Set.of("ApplicationRegistered", "DocumentChecklistCompleted");

    private final InboundEvents inbound;
    private final ActingCommandGateway commands;

    CaseProgressListener(InboundEvents inbound, ActingCommandGateway commands) {
        this.inbound = inbound;
        this.commands = commands;
    }

    @KafkaListener(topics = {Topics.APPLICATION_EVENTS, Topics.DOCUMENT_EVENTS})
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.process(record, SUBSCRIBED, this::apply);
    }

    private static RecordApplication recordApplication(
            ApplicationRegisteredV2 registered, EventEnvelope<IntegrationEvent> envelope) {
        return new RecordApplication(
                registered.caseId(),
                registered.applicantId(),
                registered.submittedOn(),
                envelope.occurredAt(),
                registered.household().stream()
                        .map(ApplicationRegisteredV2.Member::memberId)
                        .toList(),
                registered.regionOrDefault());
    }

    private void apply(EventEnvelope<IntegrationEvent> envelope) {
        AppointmentCommand command =
                switch (envelope.payload()) {
                    // a version 1 record reads as version 2 (records from before regions are queued in the
                    // documented default, never dropped)
                    case ApplicationRegistered registered ->
                        recordApplication(registered.withoutPersonalFacts(), envelope);
                    case ApplicationRegisteredV2 registered -> recordApplication(registered, envelope);
                    case DocumentChecklistCompleted completed -> new RecordChecklistCompleted(completed.caseId());
                    default -> throw new IllegalStateException("not subscribed: " + envelope.type());
                };
        commands.sendCausedBy(command, envelope);
    }
}

package pt.aima.document.inbound;

import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.CaseDocumentsCommand.OpenChecklist;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.inbox.InboundEvents;

/** Opens a case's checklist when its application is registered, once per event. */
@Component
class ApplicationRegisteredListener {

    private static final Set<String> SUBSCRIBED = Set.of("ApplicationRegistered");

    private final InboundEvents inbound;
    private final ActingCommandGateway commands;

    ApplicationRegisteredListener(InboundEvents inbound, ActingCommandGateway commands) {
        this.inbound = inbound;
        this.commands = commands;
    }

    @KafkaListener(topics = Topics.APPLICATION_EVENTS)
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.process(record, SUBSCRIBED, this::apply);
    }

    private void apply(EventEnvelope<IntegrationEvent> envelope) {
        if (!(envelope.payload() instanceof ApplicationRegistered registered)) {
            throw new IllegalStateException("not subscribed: " + envelope.type());
        }
        commands.sendCausedBy(
                new OpenChecklist(
                        registered.caseId(),
                        registered.applicantId(),
                        registered.submittedOn(),
                        registered.household(),
                        registered.addressTitle(),
                        registered.preferredLanguage()),
                envelope);
    }
}

package pt.aima.document.inbound;

import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.CaseDocumentsCommand.EraseDocumentData;
import pt.aima.document.casedocuments.CaseDocumentsCommand.OpenChecklist;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicantDataErased;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.HouseholdDeclared;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.inbox.InboundEvents;

/**
 * Opens a case's checklist when its application is registered, once per event: from {@code HouseholdDeclared} on the
 * restricted household topic (the household's personal facts the document rules need), or from {@code
 * ApplicationRegistered} v1 for records published before it. {@code ApplicationRegistered} v2 carries none of those
 * facts and opens nothing: the same registration's {@code HouseholdDeclared} does. {@code ApplicantDataErased} erases
 * this service's copies of the applicant's data for the case (uploaded contents, the checklist reasons' data key).
 */
@Component
class ApplicationRegisteredListener {

    private static final Set<String> SUBSCRIBED =
            Set.of("ApplicationRegistered", "HouseholdDeclared", "ApplicantDataErased");

    private final InboundEvents inbound;
    private final ActingCommandGateway commands;

    ApplicationRegisteredListener(InboundEvents inbound, ActingCommandGateway commands) {
        this.inbound = inbound;
        this.commands = commands;
    }

    @KafkaListener(topics = {Topics.APPLICATION_EVENTS, Topics.HOUSEHOLD_FACTS})
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.process(record, SUBSCRIBED, this::apply);
    }

    private void apply(EventEnvelope<IntegrationEvent> envelope) {
        Object command =
                switch (envelope.payload()) {
                    case HouseholdDeclared declared ->
                        new OpenChecklist(
                                declared.caseId(),
                                declared.applicantId(),
                                declared.submittedOn(),
                                declared.household(),
                                declared.addressTitle(),
                                declared.preferredLanguage());
                    case ApplicationRegistered registered ->
                        new OpenChecklist(
                                registered.caseId(),
                                registered.applicantId(),
                                registered.submittedOn(),
                                registered.household(),
                                registered.addressTitle(),
                                registered.preferredLanguage());
                    case ApplicationRegisteredV2 ignored -> null;
                    case ApplicantDataErased erased ->
                        new EraseDocumentData(erased.caseId(), erased.applicantId(), erased.legalBasis());
                    default -> throw new IllegalStateException("not subscribed: " + envelope.type());
                };
        if (command != null) {
            commands.sendCausedBy(command, envelope);
        }
    }
}

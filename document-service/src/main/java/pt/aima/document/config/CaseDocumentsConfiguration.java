package pt.aima.document.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import pt.aima.document.casedocuments.ChecklistRules;
import pt.aima.document.casedocuments.PolicyCalendar;
import pt.aima.document.process.erasure.DocumentDataErasure;
import pt.aima.platform.projection.InCommandTransaction;

/** Wires the case-documents domain, which itself knows nothing of Spring. */
@Configuration(proxyBeanMethods = false)
class CaseDocumentsConfiguration {

    /**
     * A household of five has some 25 items, each possibly uploaded, rejected and uploaded again: snapshot every 50
     * events.
     */
    @Bean
    SnapshotTriggerDefinition caseDocumentsSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 50);
    }

    @Bean
    PolicyCalendar policyCalendar(DocumentPoliciesProperties properties) {
        return new PolicyCalendar(properties.policies());
    }

    /** Given to the aggregate's command handlers: the rules judge each case by the policy of its registration date. */
    @Bean
    ChecklistRules checklistRules(PolicyCalendar policies) {
        return new ChecklistRules(policies);
    }

    /**
     * An erasure's effects (contents deleted, data key destroyed) run in the thread and transaction of the command that
     * records it; a failure fails the command (and so the Kafka record's processing, which is retried).
     */
    @Bean
    ConfigurerModule documentDataErasureProcessing() {
        return InCommandTransaction.groups(DocumentDataErasure.PROCESSING_GROUP);
    }
}

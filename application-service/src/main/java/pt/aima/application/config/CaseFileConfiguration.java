package pt.aima.application.config;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import pt.aima.kernel.application.DecisionDeadlinePolicy;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DecisionDeadlineProperties.class)
class CaseFileConfiguration {

    /**
     * The legal decision deadlines (policy), for the case's deadline extension and its status; refuses to start
     * without a rule, or with two on the same day.
     */
    @Bean
    DecisionDeadlinePolicy decisionDeadlinePolicy(DecisionDeadlineProperties properties) {
        return new DecisionDeadlinePolicy(properties.policies());
    }

    /** A case lives for months and collects events from every service: snapshot it every 50 events. */
    @Bean
    SnapshotTriggerDefinition caseSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 50);
    }
}

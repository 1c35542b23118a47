package pt.aima.notification;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Framework wiring of the domain, kept out of the domain package so that stays free of Spring. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** A case collects a notification at every step, over months: snapshot it every 50 events by default. */
    @Bean
    SnapshotTriggerDefinition caseNotificationsSnapshotTrigger(
            Snapshotter snapshotter, @Value("${aima.notification.snapshot-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}

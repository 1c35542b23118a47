package pt.aima.scheduling.config;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the appointment aggregate, kept out of its package so the domain stays free of Spring. */
@Configuration(proxyBeanMethods = false)
class AppointmentConfiguration {

    /** Moves, no-shows and court orders add events over a case's months of life: snapshot every 50 events. */
    @Bean
    SnapshotTriggerDefinition appointmentSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 50);
    }
}

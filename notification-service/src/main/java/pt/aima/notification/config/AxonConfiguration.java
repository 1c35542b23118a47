package pt.aima.notification.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import pt.aima.notification.casenotifications.AppealPolicy;
import pt.aima.notification.process.delivery.DeliveryOutbox;
import pt.aima.notification.process.erasure.NotificationDataErasure;
import pt.aima.notification.process.hold.HeldNotifications;
import pt.aima.platform.projection.InCommandTransaction;

/** Axon wiring of the domain, kept out of the domain package so that stays free of Spring. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** A case collects a notification at every step, over months: snapshot it every 50 events by default. */
    @Bean
    SnapshotTriggerDefinition caseNotificationsSnapshotTrigger(
            Snapshotter snapshotter, @Value("${aima.notification.snapshot-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** What a refusal says about appealing it: configuration, not code. */
    @Bean
    AppealPolicy appealPolicy(
            @Value("${aima.notification.appeal.administrative-appeal-days}") int administrativeAppealDays,
            @Value("${aima.notification.appeal.court-action-months}") int courtActionMonths) {
        return new AppealPolicy(administrativeAppealDays, courtActionMonths);
    }

    /**
     * Filled in the transaction of the command that stores the event ({@link InCommandTransaction}): the delivery
     * outbox (its row commits with the notification's event or not at all, and resetting or rebuilding a projection
     * sends nothing), the held notifications' rows ({@link HeldNotifications}) and an erasure's effects ({@link
     * NotificationDataErasure}).
     */
    @Bean
    ConfigurerModule inCommandTransactionProcessing() {
        return InCommandTransaction.groups(
                DeliveryOutbox.PROCESSING_GROUP,
                HeldNotifications.PROCESSING_GROUP,
                NotificationDataErasure.PROCESSING_GROUP);
    }
}

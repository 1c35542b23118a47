package pt.aima.notification.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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

/** Axon wiring of the domain, kept out of the domain package so that stays free of Spring. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** The processing group that fills the delivery outbox in the command's own transaction. */
    static final String DELIVERY_OUTBOX = DeliveryOutbox.PROCESSING_GROUP;

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
     * The delivery outbox is filled by a <b>subscribing</b> processor: its handler runs in the thread and transaction
     * of the command that stores the notification, so the row commits with the event or not at all, and there is no
     * token to reset: nothing replays it. A failure to write the row fails the command (and so the Kafka record's
     * processing, which is retried) instead of being logged and lost.
     */
    @Bean
    ConfigurerModule deliveryOutboxProcessing() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(DELIVERY_OUTBOX)
                .registerListenerInvocationErrorHandler(
                        DELIVERY_OUTBOX, configuration -> PropagatingErrorHandler.instance());
    }

    /** An erasure's effects, likewise in the command's own transaction (see {@link NotificationDataErasure}). */
    @Bean
    ConfigurerModule notificationDataErasureProcessing() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(NotificationDataErasure.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(
                        NotificationDataErasure.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    /** The held notifications' rows, likewise in the command's own transaction (see {@link HeldNotifications}). */
    @Bean
    ConfigurerModule heldNotificationsProcessing() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(HeldNotifications.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(
                        HeldNotifications.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}

package pt.aima.platform.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.platform.PlatformAutoConfiguration;
import pt.aima.platform.PlatformProperties;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.deadletter.DeadLetterMonitor;
import pt.aima.platform.deadletter.DeadLetterOperations;
import pt.aima.platform.deadletter.DeadLettersController;
import pt.aima.platform.deadletter.KafkaDeadLetters;
import pt.aima.platform.deadletter.ProcessingGroupDeadLetters;
import pt.aima.platform.gaps.EventAtIndex;
import pt.aima.platform.gaps.SkippedEventDetector;
import pt.aima.platform.gaps.SkippedEventRepublisher;
import pt.aima.platform.gaps.SkippedEventStore;
import pt.aima.platform.gaps.SkippedEventsController;

/**
 * What operations see and do in every service: dead letters (processing groups' queues and Kafka dead-letter topics)
 * and events a streaming processor skipped; each with its endpoints, health indicator and gauge.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsAutoConfiguration {

    @Bean
    OperatorActionLog operatorActionLog(EventStore eventStore) {
        return new OperatorActionLog(eventStore);
    }

    @Bean
    ProcessingGroupDeadLetters processingGroupDeadLetters(JdbcClient jdbc, EventProcessingConfiguration processing) {
        return new ProcessingGroupDeadLetters(jdbc, processing);
    }

    @Bean
    @SuppressWarnings("unchecked")
    KafkaDeadLetters kafkaDeadLetters(
            ConsumerFactory<?, ?> consumers,
            KafkaTemplate<String, byte[]> kafka,
            PlatformProperties platform,
            OperationsProperties operations) {
        return new KafkaDeadLetters(
                (ConsumerFactory<String, byte[]>) consumers,
                kafka,
                platform.name(),
                platform.consumes(),
                operations.kafkaReadTimeout());
    }

    @Bean
    DeadLetterOperations deadLetterOperations(
            PlatformProperties platform,
            ProcessingGroupDeadLetters groups,
            KafkaDeadLetters topics,
            OperatorActionLog log,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager) {
        return new DeadLetterOperations(
                platform.name(), groups, topics, log, jdbc, new TransactionTemplate(transactionManager));
    }

    @Bean
    DeadLettersController deadLettersController(DeadLetterOperations deadLetters, CurrentActingContext operator) {
        return new DeadLettersController(deadLetters, operator);
    }

    /** Health component {@code deadLetters}. */
    @Bean
    DeadLetterMonitor deadLettersHealthIndicator(
            DeadLetterOperations deadLetters,
            ObjectProvider<MeterRegistry> meters,
            PlatformProperties platform,
            OperationsProperties operations) {
        return new DeadLetterMonitor(
                deadLetters,
                meters.getIfAvailable(SimpleMeterRegistry::new),
                platform.name(),
                operations.deadLetterRefresh());
    }

    @Bean
    SkippedEventStore skippedEventStore(JdbcClient jdbc) {
        return new SkippedEventStore(jdbc);
    }

    /** Health component {@code skippedEvents}. */
    @Bean
    SkippedEventDetector skippedEventsHealthIndicator(
            EventProcessingConfiguration processing,
            JdbcClient jdbc,
            SkippedEventStore store,
            EventAtIndex events,
            ObjectProvider<MeterRegistry> meters,
            PlatformProperties platform,
            OperationsProperties operations) {
        return new SkippedEventDetector(
                processing,
                jdbc,
                store,
                events,
                meters.getIfAvailable(SimpleMeterRegistry::new),
                platform.name(),
                operations.skippedEventCheck(),
                operations.skippedEventWatch());
    }

    @Bean
    EventAtIndex eventAtIndex(EventStorageEngine storage) {
        return new EventAtIndex(storage);
    }

    @Bean
    SkippedEventRepublisher skippedEventRepublisher(
            EventProcessingConfiguration processing,
            EventAtIndex events,
            SkippedEventStore store,
            OperatorActionLog log,
            PlatformTransactionManager transactionManager) {
        return new SkippedEventRepublisher(processing, events, store, log, new TransactionTemplate(transactionManager));
    }

    @Bean
    SkippedEventsController skippedEventsController(
            SkippedEventStore store, SkippedEventRepublisher republisher, CurrentActingContext operator) {
        return new SkippedEventsController(store, republisher, operator);
    }
}

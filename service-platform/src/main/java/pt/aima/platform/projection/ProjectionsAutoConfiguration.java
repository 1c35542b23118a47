package pt.aima.platform.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.platform.PlatformProperties;
import pt.aima.platform.acting.CurrentActingContext;
import pt.aima.platform.operations.OperationsAutoConfiguration;
import pt.aima.platform.operations.OperatorActionLog;
import pt.aima.platform.projection.rebuild.BlueGreenTables;
import pt.aima.platform.projection.rebuild.ProjectionRebuildStore;
import pt.aima.platform.projection.rebuild.ProjectionRebuilds;
import pt.aima.platform.projection.rebuild.ProjectionRebuildsController;
import pt.aima.platform.projection.rebuild.RebuildableProjections;

/**
 * What every service's projections get: their position and lag (health, gauges, an endpoint), and blue/green rebuilds
 * with proof.
 */
@AutoConfiguration(after = OperationsAutoConfiguration.class)
@EnableConfigurationProperties(ProjectionsProperties.class)
public class ProjectionsAutoConfiguration {

    @Bean
    ProjectionPositions projectionPositions(
            EventProcessingConfiguration processing, JdbcClient jdbc, ObjectProvider<Configuration> axon, Clock clock) {
        return new ProjectionPositions(processing, jdbc, () -> axon.getObject().serializer(), clock);
    }

    /** Health component {@code projections}. */
    @Bean
    ProjectionMonitor projectionsHealthIndicator(
            ProjectionPositions positions,
            ProjectionsProperties properties,
            ObjectProvider<MeterRegistry> meters,
            PlatformProperties platform) {
        return new ProjectionMonitor(
                positions, properties, meters.getIfAvailable(SimpleMeterRegistry::new), platform.name());
    }

    @Bean
    ProjectionsController projectionsController(ProjectionMonitor monitor) {
        return new ProjectionsController(monitor);
    }

    @Bean
    RebuildableProjections rebuildableProjections(EventProcessingConfiguration processing, ListableBeanFactory beans) {
        return new RebuildableProjections(processing, beans);
    }

    @Bean
    ProjectionRebuilds projectionRebuilds(
            RebuildableProjections projections,
            JdbcClient jdbc,
            ProjectionPositions positions,
            EventStorageEngine events,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            PlatformTransactionManager transactionManager,
            OperatorActionLog actions,
            ProjectionsProperties properties,
            Clock clock) {
        return new ProjectionRebuilds(
                projections,
                new ProjectionRebuildStore(jdbc),
                new BlueGreenTables(jdbc),
                positions,
                events,
                processing,
                tokenStore,
                new TransactionTemplate(transactionManager),
                jdbc,
                actions,
                properties.rebuild(),
                clock);
    }

    @Bean
    ProjectionRebuildsController projectionRebuildsController(
            ProjectionRebuilds rebuilds, CurrentActingContext operator) {
        return new ProjectionRebuildsController(rebuilds, operator);
    }
}

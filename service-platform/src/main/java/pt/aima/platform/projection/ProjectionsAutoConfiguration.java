package pt.aima.platform.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.platform.PlatformProperties;
import pt.aima.platform.operations.OperationsAutoConfiguration;

/** What every service's projections get: their position and lag (health, gauges, an endpoint). */
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
}

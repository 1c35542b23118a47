package pt.aima.scheduling.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SchedulingPropertiesTest {

    @Test
    void definesTheLisbonDeskOutOfTheBoxUnlessTheDeskIdIsEmpty() {
        assertThat(bind(Map.of()).deskId()).isEqualTo("LISBOA-1");
        assertThat(bind(Map.of("aima.scheduling.desk-id", "")).deskId())
                .as("a reproduction run defines every desk itself")
                .isEmpty();
    }

    @Test
    void anEmptyDeskIdFromTheEnvironmentMeansNoDeskToo() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("AIMA_SCHEDULING_DESKID", "")));
        ConfigurationPropertySources.attach(environment);

        assertThat(Binder.get(environment)
                        .bind("aima.scheduling", SchedulingProperties.class)
                        .get()
                        .deskId())
                .isEmpty();
    }

    private static SchedulingProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("aima.scheduling", SchedulingProperties.class);
    }
}

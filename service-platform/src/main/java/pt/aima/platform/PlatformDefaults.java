package pt.aima.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code aima-platform-defaults.properties} as the last property source: the settings every service shares (event
 * store on PostgreSQL, Axon without Axon Server, Kafka serialisation and delivery guarantees). A service's own
 * configuration, the environment and the command line all override them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "aima-platform-defaults.properties";

    /**
     * {@code AIMA_LOG_FORMAT=json} (Elastic Common Schema), or {@code ecs}, {@code logstash}, {@code gelf}: structured
     * JSON console logs, a shorthand for Spring Boot's {@code logging.structured.format.console}, which wins if set.
     */
    static final String LOG_FORMAT_SWITCH = "AIMA_LOG_FORMAT";

    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Axon's update checker calls the internet at start-up; it reads a system property, not Spring's environment.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        String logFormat = environment.getProperty(LOG_FORMAT_SWITCH);
        if (logFormat != null && !logFormat.isBlank() && !environment.containsProperty(STRUCTURED_CONSOLE)) {
            String format = logFormat.strip().toLowerCase(Locale.ROOT);
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "aimaLogFormat", Map.of(STRUCTURED_CONSOLE, format.equals("json") ? "ecs" : format)));
        }
        try {
            environment
                    .getPropertySources()
                    .addLast(new ResourcePropertySource("aimaPlatformDefaults", new ClassPathResource(RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

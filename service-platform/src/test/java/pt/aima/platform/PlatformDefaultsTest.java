package pt.aima.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** AIMA_LOG_FORMAT switches the console to Spring Boot's structured JSON logs; Boot's own setting wins. */
class PlatformDefaultsTest {

    @Test
    void jsonMeansElasticCommonSchema() {
        assertThat(structuredFormatWith(Map.of("AIMA_LOG_FORMAT", "json"))).isEqualTo("ecs");
    }

    @Test
    void anyOtherOfBootsFormatsIsTakenAsItIs() {
        assertThat(structuredFormatWith(Map.of("AIMA_LOG_FORMAT", "Logstash"))).isEqualTo("logstash");
    }

    @Test
    void withoutTheSwitchLogsStayPlainText() {
        assertThat(structuredFormatWith(Map.of())).isNull();
    }

    @Test
    void bootsOwnSettingWins() {
        assertThat(structuredFormatWith(Map.of("AIMA_LOG_FORMAT", "json", "logging.structured.format.console", "gelf")))
                .isEqualTo("gelf");
    }

    @Test
    void theDefaultsStillComeLast() {
        StandardEnvironment environment = environmentWith(Map.of("AIMA_LOG_FORMAT", "json"));
        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .contains("prometheus");
    }

    private static String structuredFormatWith(Map<String, Object> given) {
        return environmentWith(given).getProperty("logging.structured.format.console");
    }

    private static StandardEnvironment environmentWith(Map<String, Object> given) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", given));
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}

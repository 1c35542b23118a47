package pt.aima.platform.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import pt.aima.fixture.harnessapp.HarnessTestApplication;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.testing.harness.ServiceHarness;

/**
 * The harness on a service the test starts itself ({@link ServiceHarness#of}): it talks to whichever context is
 * running, so it follows the service across a restart onto another port, with the same database behind it.
 */
class ServiceHarnessOnAStartedServiceIT {

    private static final Map<String, Object> properties = new HashMap<>();
    private static volatile ConfigurableApplicationContext running;

    @RegisterExtension
    static final ServiceHarness service = ServiceHarness.of(() -> running);

    @BeforeAll
    static void infrastructure() {
        SpringTestInfrastructure.registerSpringProperties(
                (name, value) -> properties.put(name, value.get()), "platform_harness_started_it");
        properties.put("server.port", "0");
        properties.put("spring.application.name", "harness-started-it");
        properties.put("aima.service.name", "harness-started-it");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    @Test
    void followsTheServiceTheTestStartedAcrossARestart() {
        assertThatThrownBy(service::baseUrl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        CaseId caseId = CaseId.newId();

        start();
        assertThat(service.baseUrl()).isEqualTo(ownUrl());
        assertThat(service.serviceName()).isEqualTo("harness-started-it");
        assertThat(service.as("caseworker-1", "CASEWORKER")
                        .post("/tallies/{id}", null, caseId)
                        .status())
                .isEqualTo(202);

        running.close();
        start();
        assertThat(service.baseUrl()).isEqualTo(ownUrl());
        assertThat(service.as("caseworker-1", "CASEWORKER")
                        .post("/tallies/{id}", null, caseId)
                        .status())
                .isEqualTo(202);

        assertThat(service.eventStore().count(caseId)).isEqualTo(2);
        assertThat(service.eventStore().countCausedByThisTest()).isEqualTo(2);
    }

    private static String ownUrl() {
        return "http://localhost:" + running.getEnvironment().getProperty("local.server.port");
    }

    private static void start() {
        running = new SpringApplicationBuilder(HarnessTestApplication.class)
                .run(properties.entrySet().stream()
                        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
    }
}

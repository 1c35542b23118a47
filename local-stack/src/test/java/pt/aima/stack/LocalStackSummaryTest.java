package pt.aima.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStackSummaryTest {

    private static final ServiceSpec APPLICATION = ServiceSpec.ALL.get(0);
    private static final ServiceSpec NOTIFICATION = ServiceSpec.ALL.get(3);

    private final SupervisedService application = new SupervisedService(
            APPLICATION, List.of("true"), Path.of("/repo/.local-stack/logs/application-service.log"), System.out);

    private String summary() {
        return LocalStack.summary(
                List.of(application),
                List.of(NOTIFICATION),
                "http://127.0.0.1:8090",
                "127.0.0.1:39092",
                Duration.ofMillis(73_400));
    }

    @Test
    void eachStartedServiceHasItsUrlSwaggerUiPidHealthAndLog() {
        assertThat(summary().lines()).anySatisfy(line -> assertThat(line.split("\\s+"))
                .containsExactly(
                        "application-service",
                        "http://127.0.0.1:8081",
                        "http://127.0.0.1:8081/swagger-ui.html",
                        "-1",
                        "http://127.0.0.1:8081/actuator/health",
                        "/repo/.local-stack/logs/application-service.log"));
    }

    @Test
    void aSecondInstanceIsNamedWithItsNumberOnItsOwnPort() {
        SupervisedService second = new SupervisedService(
                APPLICATION.instance(2),
                APPLICATION.label(2),
                List.of("true"),
                Path.of("/repo/.local-stack/logs/application-service-2.log"),
                System.out);

        String summary = LocalStack.summary(
                List.of(application, second), List.of(), "http://127.0.0.1:8090", "k:9092", Duration.ZERO);

        assertThat(summary.lines()).anySatisfy(line -> assertThat(line.split("\\s+"))
                .containsExactly(
                        "application-service#2",
                        "http://127.0.0.1:8181",
                        "http://127.0.0.1:8181/swagger-ui.html",
                        "-1",
                        "http://127.0.0.1:8181/actuator/health",
                        "/repo/.local-stack/logs/application-service-2.log"));
        assertThat(summary).contains("(2 services healthy)");
    }

    @Test
    void aServiceLeftOutSaysSo() {
        assertThat(summary())
                .contains("notification-service  http://127.0.0.1:8084  not started (--without): run it yourself");
    }

    @Test
    void showsATokenPerRoleTheKafkaBootstrapAndTheStartUpTime() {
        assertThat(summary().lines())
                .contains(
                        "Kafka:        127.0.0.1:39092",
                        "  APPLICANT   curl 'http://127.0.0.1:8090/token?sub=applicant-ana&role=APPLICANT'",
                        "  CASEWORKER  curl 'http://127.0.0.1:8090/token?sub=caseworker-1&role=CASEWORKER'",
                        "  OPERATIONS  curl 'http://127.0.0.1:8090/token?sub=operations-1&role=OPERATIONS'",
                        "  AUDITOR     curl 'http://127.0.0.1:8090/token?sub=auditor-1&role=AUDITOR'",
                        "Ready in 73 s (1 service healthy).");
    }
}

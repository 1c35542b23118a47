package pt.aima.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pt.aima.infra.DatabaseSettings;

class ChildCommandTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void theFiveServicesHaveTheirPortsJarsLogsAndDatabases() {
        assertThat(ServiceSpec.ALL)
                .extracting(ServiceSpec::name, ServiceSpec::port, ServiceSpec::databaseName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("application-service", 8081, "application_service"),
                        org.assertj.core.groups.Tuple.tuple("document-service", 8082, "document_service"),
                        org.assertj.core.groups.Tuple.tuple("scheduling-service", 8083, "scheduling_service"),
                        org.assertj.core.groups.Tuple.tuple("notification-service", 8084, "notification_service"),
                        org.assertj.core.groups.Tuple.tuple("operations-service", 8085, "operations_service"));
        ServiceSpec document = ServiceSpec.ALL.get(1);
        assertThat(document.jar(REPO)).isEqualTo(Path.of("/repo/document-service/target/document-service.jar"));
        assertThat(document.logFile(REPO)).isEqualTo(Path.of("/repo/.local-stack/logs/document-service.log"));
        assertThat(document.healthUrl()).isEqualTo("http://127.0.0.1:8082/actuator/health");
        assertThat(document.openApiUrl()).isEqualTo("http://127.0.0.1:8082/v3/api-docs");
        assertThat(document.swaggerUiUrl()).isEqualTo("http://127.0.0.1:8082/swagger-ui.html");
    }

    @Test
    void commandRunsTheJarOnTheSameJavaWithPortDatabaseKafkaAndJwkSet() {
        ServiceSpec scheduling = ServiceSpec.ALL.get(2);
        DatabaseSettings database =
                new DatabaseSettings("jdbc:postgresql://localhost:5555/scheduling_service", "postgres", "");

        List<String> command = ChildCommand.build(
                Path.of("/jdk/bin/java"),
                scheduling.jar(REPO),
                scheduling,
                database,
                "127.0.0.1:9092",
                "http://127.0.0.1:8090/jwks");

        assertThat(command)
                .containsExactly(
                        "/jdk/bin/java",
                        "-Xmx384m",
                        "-Djdk.nio.maxCachedBufferSize=2097152",
                        "-XX:+UseSerialGC",
                        "-XX:+UnlockExperimentalVMOptions",
                        "-XX:TrimNativeHeapInterval=30000",
                        "-jar",
                        "/repo/scheduling-service/target/scheduling-service.jar",
                        "--server.port=8083",
                        "--spring.datasource.url=jdbc:postgresql://localhost:5555/scheduling_service",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--spring.kafka.bootstrap-servers=127.0.0.1:9092",
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:8090/jwks");
    }

    @Test
    void everyServiceRunsOnTheSerialCollectorAndTrimsItsNativeHeap() {
        DatabaseSettings database = new DatabaseSettings("jdbc:postgresql://h/d", "u", "");
        for (ServiceSpec service : ServiceSpec.ALL) {
            List<String> command =
                    ChildCommand.build(Path.of("java"), service.jar(REPO), service, database, "k:1", "http://i/jwks");
            assertThat(command.subList(1, command.indexOf("-jar")))
                    .as(service.name())
                    .containsExactly(
                            "-Xmx384m",
                            "-Djdk.nio.maxCachedBufferSize=2097152",
                            "-XX:+UseSerialGC",
                            "-XX:+UnlockExperimentalVMOptions",
                            "-XX:TrimNativeHeapInterval=30000");
        }
    }

    @Test
    void describedCommandHidesThePassword() {
        DatabaseSettings database = new DatabaseSettings("jdbc:postgresql://h/d", "u", "s3cret");
        List<String> command = ChildCommand.build(
                Path.of("java"), Path.of("a.jar"), ServiceSpec.ALL.get(0), database, "k:1", "http://i/jwks");

        assertThat(ChildCommand.describe(command))
                .contains("--spring.datasource.password=***")
                .doesNotContain("s3cret");
    }

    @Test
    void currentJavaIsAnExecutable() {
        assertThat(ChildCommand.currentJava()).isExecutable();
    }

    @Test
    void eachSettingIsAlsoAnEnvironmentVariableAsInDockerCompose() {
        List<ChildCommand.Setting> settings = ChildCommand.settings(
                ServiceSpec.ALL.get(3),
                new DatabaseSettings("jdbc:postgresql://localhost:5555/notification_service", "postgres", ""),
                "127.0.0.1:9092",
                "http://127.0.0.1:8090/jwks");

        assertThat(settings)
                .extracting(ChildCommand.Setting::environmentVariable)
                .containsExactly(
                        "SERVER_PORT",
                        "SPRING_DATASOURCE_URL",
                        "SPRING_DATASOURCE_USERNAME",
                        "SPRING_DATASOURCE_PASSWORD",
                        "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
    }

    @Test
    void everyMainClassIsInItsModule() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        for (ServiceSpec service : ServiceSpec.ALL) {
            Path source = root.resolve(service.name())
                    .resolve("src/main/java")
                    .resolve(service.mainClass().replace('.', '/') + ".java");
            assertThat(source).as(service.name()).isRegularFile();
            assertThat(source).content().contains("@SpringBootApplication");
        }
    }

    @Test
    void restartsAreLimitedToFivePerMinute() {
        SupervisedService service =
                new SupervisedService(ServiceSpec.ALL.get(0), List.of("true"), Path.of("x.log"), System.out);
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            assertThat(service.allowRestart(start.plusSeconds(i))).isTrue();
        }
        assertThat(service.allowRestart(start.plusSeconds(30))).isFalse();
        assertThat(service.allowRestart(start.plusSeconds(61))).isTrue();
    }

    @Test
    void healthIsUpOnlyWhenTheTopLevelStatusIsUpOrDegraded() {
        assertThat(HealthCheck.isUpDocument("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}"))
                .isTrue();
        assertThat(HealthCheck.isUpDocument("{\"status\":\"DEGRADED\"}"))
                .as("running, with a projection catching up")
                .isTrue();
        assertThat(HealthCheck.isUpDocument("{\"status\":\"OUT_OF_SERVICE\"}")).isFalse();
        assertThat(HealthCheck.isUpDocument("{\"components\":{\"db\":{\"status\":\"UP\"}},\"status\":\"DOWN\"}"))
                .isFalse();
        assertThat(HealthCheck.isUpDocument("<html>")).isFalse();
    }
}

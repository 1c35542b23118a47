package pt.aima.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The docker-compose.yml at the repository root runs the same system on official images. */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void runsOnOfficialImages() {
        assertThat(services)
                .containsOnlyKeys(
                        "postgres",
                        "kafka",
                        "token-issuer",
                        "application-service",
                        "document-service",
                        "scheduling-service",
                        "notification-service",
                        "operations-service");
        assertThat(services.get("postgres")).containsEntry("image", "postgres:17");
        assertThat(services.get("kafka")).containsEntry("image", "apache/kafka:4.1.0");
        assertThat(services.get("token-issuer")).containsEntry("image", "eclipse-temurin:21-jre");
        for (ServiceSpec service : ServiceSpec.ALL) {
            assertThat(services.get(service.name())).containsEntry("image", "eclipse-temurin:21-jre");
        }
    }

    @Test
    void postgresCreatesTheFiveDatabases() throws IOException {
        assertThat(strings(services.get("postgres").get("volumes")))
                .contains("./docker/postgres-init:/docker-entrypoint-initdb.d:ro");
        String init = Files.readString(ROOT.resolve("docker/postgres-init/01-create-databases.sql"));
        for (ServiceSpec service : ServiceSpec.ALL) {
            assertThat(init).contains("CREATE DATABASE " + service.databaseName() + ";");
        }
    }

    @Test
    void kafkaIsASingleCombinedKraftNode() {
        Map<String, Object> environment = map(services.get("kafka").get("environment"));
        assertThat(environment)
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 1)
                .containsKey("CLUSTER_ID");
        assertThat(String.valueOf(environment.get("KAFKA_ADVERTISED_LISTENERS")))
                .contains("kafka:9092");
    }

    @Test
    void tokenIssuerRunsTheLocalStackJarInIssuerOnlyMode() {
        Map<String, Object> issuer = services.get("token-issuer");
        assertThat(strings(issuer.get("command"))).contains("--issuer-only", "--issuer-port=8090");
        assertThat(strings(issuer.get("volumes")))
                .anyMatch(volume -> volume.startsWith("./local-stack/target/local-stack.jar:"));
        assertThat(strings(issuer.get("ports"))).contains("8090:8090");
        assertThat(issuer).containsKey("healthcheck");
    }

    @Test
    void eachServiceRunsItsJarAgainstItsDatabaseKafkaAndTheIssuer() {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, Object> service = services.get(spec.name());
            assertThat(strings(service.get("volumes")))
                    .as(spec.name())
                    .containsExactly("./" + spec.name() + "/target/" + spec.name() + ".jar:/app/service.jar:ro");
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(ChildCommand.jvmOptions());
            command.addAll(List.of("-jar", "/app/service.jar"));
            assertThat(strings(service.get("command")))
                    .as("%s runs with the local stack's JVM options", spec.name())
                    .containsExactlyElementsOf(command);
            assertThat(map(service.get("environment")))
                    .as(spec.name())
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + spec.databaseName())
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "postgres")
                    .containsEntry("SPRING_DATASOURCE_PASSWORD", "postgres")
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry(
                            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://token-issuer:8090/jwks")
                    .containsEntry("SERVER_PORT", String.valueOf(spec.port()));
            assertThat(strings(service.get("ports"))).containsExactly(spec.port() + ":" + spec.port());
            assertThat(service).containsKey("healthcheck");
            assertThat(map(service.get("depends_on")))
                    .containsOnlyKeys("postgres", "kafka", "token-issuer")
                    .allSatisfy((name, condition) ->
                            assertThat(map(condition)).containsEntry("condition", "service_healthy"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<Object>) value).stream().map(String::valueOf).toList();
    }
}

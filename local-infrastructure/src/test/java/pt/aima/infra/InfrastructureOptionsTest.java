package pt.aima.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureOptionsTest {

    @Test
    void defaultsAreEmbeddedWithDockerAllowedUnderTheTempDirectory() {
        InfrastructureOptions options = InfrastructureOptions.from(Map.of(), Map.of("java.io.tmpdir", "/tmp/x"));

        assertThat(options.postgresUrl()).isNull();
        assertThat(options.postgresUser()).isEqualTo("postgres");
        assertThat(options.postgresPassword()).isEmpty();
        assertThat(options.kafkaBootstrap()).isNull();
        assertThat(options.dockerAllowed()).isTrue();
        assertThat(options.workDirectory()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.durableEmbeddedPostgres()).isFalse();
    }

    @Test
    void aDurableEmbeddedServerIsAskedForByEnvironmentOrPropertyAndThePropertyWins() {
        assertThat(InfrastructureOptions.from(Map.of("AIMA_POSTGRES_DURABLE", "true"), Map.of())
                        .durableEmbeddedPostgres())
                .isTrue();
        assertThat(InfrastructureOptions.from(Map.of("AIMA_POSTGRES_DURABLE", "TRUE"), Map.of())
                        .withoutDocker()
                        .withWorkDirectory(Path.of("/w"))
                        .durableEmbeddedPostgres())
                .as("kept by the copies")
                .isTrue();
        assertThat(InfrastructureOptions.from(
                                Map.of("AIMA_POSTGRES_DURABLE", "true"), Map.of("aima.infra.postgres-durable", "false"))
                        .durableEmbeddedPostgres())
                .isFalse();
        assertThat(InfrastructureOptions.from(Map.of("AIMA_POSTGRES_DURABLE", "yes"), Map.of())
                        .durableEmbeddedPostgres())
                .as("only true means true")
                .isFalse();
    }

    @Test
    void environmentAndPropertiesSelectServersAndSwitchDockerOff() {
        InfrastructureOptions options = InfrastructureOptions.from(
                Map.of(
                        "AIMA_POSTGRES_URL", "jdbc:postgresql://db:5432/postgres",
                        "AIMA_POSTGRES_USER", "aima",
                        "AIMA_POSTGRES_PASSWORD", "secret",
                        "AIMA_KAFKA_BOOTSTRAP", "kafka:9092"),
                Map.of("aima.infra.docker", "false", "aima.infra.dir", "/work/infra"));

        assertThat(options.postgresUrl()).isEqualTo("jdbc:postgresql://db:5432/postgres");
        assertThat(options.postgresUser()).isEqualTo("aima");
        assertThat(options.postgresPassword()).isEqualTo("secret");
        assertThat(options.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(options.dockerAllowed()).isFalse();
        assertThat(options.workDirectory()).isEqualTo(Path.of("/work/infra"));
        assertThat(options.toString()).doesNotContain("secret");
    }

    @Test
    void databaseIsReplacedInTheConfiguredUrl() {
        assertThat(PostgresServer.replaceDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "a_b"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/a_b");
        assertThat(PostgresServer.replaceDatabase("jdbc:postgresql://h/postgres?sslmode=disable", "x"))
                .isEqualTo("jdbc:postgresql://h/x?sslmode=disable");
        assertThat(PostgresServer.replaceDatabase("jdbc:postgresql://h:1", "x")).isEqualTo("jdbc:postgresql://h:1/x");
        assertThatThrownBy(() -> PostgresServer.replaceDatabase("jdbc:mysql://h/x", "y"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

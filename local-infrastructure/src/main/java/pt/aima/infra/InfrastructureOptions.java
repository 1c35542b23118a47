package pt.aima.infra;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that decides which PostgreSQL and which Kafka {@link LocalInfrastructure} uses.
 *
 * @param postgresUrl JDBC URL of an existing PostgreSQL server to use ({@code AIMA_POSTGRES_URL}), or {@code null}
 * @param postgresUser user for that server ({@code AIMA_POSTGRES_USER}, default {@code postgres})
 * @param postgresPassword password for that server ({@code AIMA_POSTGRES_PASSWORD}, default empty)
 * @param kafkaBootstrap bootstrap servers of an existing Kafka cluster ({@code AIMA_KAFKA_BOOTSTRAP}), or {@code null}
 * @param dockerAllowed whether Testcontainers may be tried when Docker is available (system property
 *     {@code aima.infra.docker} or env {@code AIMA_INFRA_DOCKER}, default {@code true})
 * @param workDirectory where embedded servers keep their files (system property {@code aima.infra.dir}, default
 *     {@code java.io.tmpdir})
 * @param durableEmbeddedPostgres whether the embedded PostgreSQL flushes every commit to disk ({@code fsync},
 *     {@code synchronous_commit} and {@code full_page_writes} on, as a production server runs) instead of the embedded
 *     binaries' defaults, {@code fsync} and {@code synchronous_commit} off: fast, but a crash of the machine or of
 *     PostgreSQL may lose the last commits it acknowledged (env {@code AIMA_POSTGRES_DURABLE} or system property
 *     {@code aima.infra.postgres-durable}, default {@code false}; a configured or container server is used as it is)
 */
public record InfrastructureOptions(
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        String kafkaBootstrap,
        boolean dockerAllowed,
        Path workDirectory,
        boolean durableEmbeddedPostgres) {

    public static final String ENV_POSTGRES_URL = "AIMA_POSTGRES_URL";
    public static final String ENV_POSTGRES_USER = "AIMA_POSTGRES_USER";
    public static final String ENV_POSTGRES_PASSWORD = "AIMA_POSTGRES_PASSWORD";
    public static final String ENV_KAFKA_BOOTSTRAP = "AIMA_KAFKA_BOOTSTRAP";
    public static final String ENV_DOCKER = "AIMA_INFRA_DOCKER";
    public static final String PROPERTY_DOCKER = "aima.infra.docker";
    public static final String PROPERTY_DIR = "aima.infra.dir";
    public static final String ENV_POSTGRES_DURABLE = "AIMA_POSTGRES_DURABLE";
    public static final String PROPERTY_POSTGRES_DURABLE = "aima.infra.postgres-durable";

    public InfrastructureOptions {
        postgresUrl = blankToNull(postgresUrl);
        postgresUser = blankToNull(postgresUser) == null ? "postgres" : postgresUser;
        postgresPassword = postgresPassword == null ? "" : postgresPassword;
        kafkaBootstrap = blankToNull(kafkaBootstrap);
        Objects.requireNonNull(workDirectory, "workDirectory");
    }

    /** The options from this process's environment variables and system properties. */
    public static InfrastructureOptions fromEnvironment() {
        return from(
                System.getenv(),
                System.getProperties().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()), (a, b) -> a)));
    }

    /** The options from the given environment variables and system properties (for tests). */
    public static InfrastructureOptions from(Map<String, String> env, Map<String, String> properties) {
        String docker = propertyOrEnv(properties, PROPERTY_DOCKER, env, ENV_DOCKER);
        String dir = blankToNull(properties.get(PROPERTY_DIR));
        if (dir == null) {
            dir = properties.getOrDefault("java.io.tmpdir", System.getProperty("java.io.tmpdir"));
        }
        String durable = propertyOrEnv(properties, PROPERTY_POSTGRES_DURABLE, env, ENV_POSTGRES_DURABLE);
        return new InfrastructureOptions(
                env.get(ENV_POSTGRES_URL),
                env.get(ENV_POSTGRES_USER),
                env.get(ENV_POSTGRES_PASSWORD),
                env.get(ENV_KAFKA_BOOTSTRAP),
                docker == null || !docker.trim().equalsIgnoreCase("false"),
                Path.of(dir),
                durable != null && durable.trim().equalsIgnoreCase("true"));
    }

    /** A copy that never tries Testcontainers (the local stack runs without Docker by design). */
    public InfrastructureOptions withoutDocker() {
        return new InfrastructureOptions(
                postgresUrl,
                postgresUser,
                postgresPassword,
                kafkaBootstrap,
                false,
                workDirectory,
                durableEmbeddedPostgres);
    }

    /** A copy whose embedded servers keep their files under {@code directory}. */
    public InfrastructureOptions withWorkDirectory(Path directory) {
        return new InfrastructureOptions(
                postgresUrl,
                postgresUser,
                postgresPassword,
                kafkaBootstrap,
                dockerAllowed,
                directory,
                durableEmbeddedPostgres);
    }

    @Override
    public String toString() {
        return "InfrastructureOptions[postgresUrl=" + postgresUrl + ", postgresUser=" + postgresUser
                + ", kafkaBootstrap=" + kafkaBootstrap + ", dockerAllowed=" + dockerAllowed + ", workDirectory="
                + workDirectory + ", durableEmbeddedPostgres=" + durableEmbeddedPostgres + "]";
    }

    /** A system property's value, or when it is not set the environment variable's (either may be null). */
    private static String propertyOrEnv(
            Map<String, String> properties, String property, Map<String, String> env, String variable) {
        String value = properties.get(property);
        return value != null ? value : env.get(variable);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

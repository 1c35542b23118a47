package pt.aima.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDataTest {

    @TempDir
    Path repo;

    @Test
    void resetDeletesTheLogsAndWhatKilledRunsLeftButKeepsThePostgresBinaries() throws IOException {
        Path log = write(".local-stack/logs/document-service.log", "started");
        Path postgresData = write(".local-stack/infra/aima-embedded-postgres/data-1234/PG_VERSION", "17");
        Path binaries = write(".local-stack/infra/aima-embedded-postgres/binaries/bin/postgres", "binary");
        Path kafkaLogs = write(".local-stack/tmp/kafka-5678/broker/meta.properties", "node.id=0");

        LocalData data = new LocalData(repo);
        assertThat(data.leftovers())
                .containsExactly(
                        repo.resolve(".local-stack/infra/aima-embedded-postgres/data-1234"),
                        repo.resolve(".local-stack/tmp/kafka-5678"));

        assertThat(data.reset())
                .containsExactly(
                        repo.resolve(".local-stack/infra/aima-embedded-postgres/data-1234"),
                        repo.resolve(".local-stack/tmp/kafka-5678"),
                        repo.resolve(".local-stack/logs"));
        assertThat(log).doesNotExist();
        assertThat(postgresData.getParent()).doesNotExist();
        assertThat(kafkaLogs.getParent().getParent()).doesNotExist();
        assertThat(binaries).exists();
        assertThat(data.leftovers()).isEmpty();
    }

    @Test
    void aFreshRepositoryHasNothingToReset() {
        assertThat(new LocalData(repo).reset()).isEmpty();
    }

    @Test
    void aStalePidFileNamesNoRunningPostgres() throws IOException {
        Path data = write(
                        ".local-stack/infra/aima-embedded-postgres/data-1/postmaster.pid",
                        ProcessHandle.current().pid() + "\n/some/dir\n")
                .getParent();

        // This test's own JVM is alive but is no PostgreSQL: reset must not stop it.
        assertThat(LocalData.runningPostgres(data)).isEmpty();
    }

    @Test
    void sizeCountsTheFilesUnderEachPath() throws IOException {
        write("a/one", "12345");
        write("a/b/two", "123");

        assertThat(LocalData.sizeOf(java.util.List.of(repo.resolve("a")))).isEqualTo(8);
    }

    private Path write(String relative, String content) throws IOException {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}

package pt.aima.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the local stack keeps on disk, all under {@code <repo>/.local-stack/}:
 *
 * <ul>
 *   <li>{@code logs/<service>.log}: each service's output, appended run after run;
 *   <li>{@code infra/aima-embedded-postgres/data-<uuid>/}: the embedded PostgreSQL's data directory, new for every run
 *       and deleted when the stack stops ({@code binaries/} beside it is the unpacked PostgreSQL, kept);
 *   <li>{@code tmp/kafka-*}: the embedded Kafka broker's log directories when the launcher's {@code java.io.tmpdir}
 *       is {@code .local-stack/tmp} (as {@code run-local-stack.sh} sets it), also deleted when the stack stops.
 * </ul>
 *
 * <p>So every run starts with empty databases and topics; only a run that was killed (SIGKILL, a crash, power off)
 * leaves its data directories behind, and possibly its PostgreSQL server still running. {@link #reset} deletes all of
 * it: the logs and such leftovers.
 */
final class LocalData {

    static final Duration POSTGRES_STOP_WAIT = Duration.ofSeconds(10);

    private final Path repo;

    LocalData(Path repo) {
        this.repo = repo;
    }

    static Path stateDirectory(Path repo) {
        return repo.resolve(".local-stack");
    }

    static Path logDirectory(Path repo) {
        return stateDirectory(repo).resolve("logs");
    }

    /** Where the embedded servers of {@code local-infrastructure} keep their files. */
    static Path infrastructureDirectory(Path repo) {
        return stateDirectory(repo).resolve("infra");
    }

    static Path postgresDirectory(Path repo) {
        return infrastructureDirectory(repo).resolve("aima-embedded-postgres");
    }

    static Path temporaryDirectory(Path repo) {
        return stateDirectory(repo).resolve("tmp");
    }

    /** Data directories of earlier runs that did not stop cleanly: PostgreSQL's and Kafka's. */
    List<Path> leftovers() {
        List<Path> found = new ArrayList<>();
        found.addAll(children(postgresDirectory(repo), "data-"));
        found.addAll(children(temporaryDirectory(repo), "kafka-"));
        return found;
    }

    /**
     * Deletes the logs and the leftovers of earlier runs, first stopping a PostgreSQL server still running on a
     * leftover data directory. Only call it while no stack runs from this repository (see {@link StackLock}).
     *
     * @return what was deleted, for the console
     */
    List<Path> reset() {
        List<Path> deleted = new ArrayList<>();
        for (Path directory : leftovers()) {
            stopPostgresOn(directory);
            deleteRecursively(directory);
            deleted.add(directory);
        }
        Path logs = logDirectory(repo);
        if (Files.isDirectory(logs)) {
            deleteRecursively(logs);
            deleted.add(logs);
        }
        return deleted;
    }

    static long sizeOf(List<Path> paths) {
        long total = 0;
        for (Path path : paths) {
            try (Stream<Path> files = Files.walk(path)) {
                total += files.filter(Files::isRegularFile)
                        .mapToLong(file -> {
                            try {
                                return Files.size(file);
                            } catch (IOException e) {
                                return 0;
                            }
                        })
                        .sum();
            } catch (IOException | UncheckedIOException e) {
                // A directory that went away while being measured counts as empty.
            }
        }
        return total;
    }

    /** A PostgreSQL data directory names its server's process in the first line of {@code postmaster.pid}. */
    static Optional<ProcessHandle> runningPostgres(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            long pid = Long.parseLong(lines.findFirst().orElse("").trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> process.info()
                    .command()
                    .map(command -> command.contains("postgres"))
                    .orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void stopPostgresOn(Path dataDirectory) {
        runningPostgres(dataDirectory).ifPresent(postgres -> {
            postgres.destroy();
            try {
                postgres.onExit().get(POSTGRES_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                postgres.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                postgres.destroyForcibly();
            }
        });
    }

    private static List<Path> children(Path directory, String prefix) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(Files::isDirectory)
                    .filter(child -> child.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root + ": " + e.getMessage(), e);
        }
    }
}

package pt.aima.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system as README's first command starts it: {@code java -jar local-stack/target/local-stack.jar}, which runs
 * PostgreSQL, one Kafka broker, the token issuer and the four service jars as separate, supervised processes.
 */
final class RunningStack implements AutoCloseable {

    /** Generous: CI machines run the four service JVMs next to the build (each service may take 5 minutes there). */
    static final Duration START_TIMEOUT = Duration.ofMinutes(8);

    final Path repo;
    final Path output;
    private final Process launcher;

    private RunningStack(Path repo, Path output, Process launcher) {
        this.repo = repo;
        this.output = output;
        this.launcher = launcher;
    }

    static RunningStack start() {
        return start(Map.of());
    }

    private static RunningStack shared;

    /**
     * The stack with its default settings, shared by the test classes that need nothing else of it: started by the
     * first, kept for the next (a start costs a minute or more on a 2-core machine), stopped by {@link #stopShared()}
     * before a class starts a stack of its own, and at the latest when the test JVM exits. Each class keeps its data
     * its own (its own applicants, cases and tokens), so what an earlier class left does not matter.
     */
    static synchronized RunningStack shared() {
        if (shared != null && !shared.launcher.isAlive()) {
            shared = null;
        }
        if (shared == null) {
            shared = start();
            RunningStack started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-shared-stack-stop"));
        }
        return shared;
    }

    /** Stops the shared stack if it runs (its ports are fixed: a stack of other settings needs them). */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /**
     * The stack with {@code environment} added to the launcher's environment, which its services inherit: Spring Boot
     * reads it as properties ({@code AIMA_CLOCK_FIXED} is {@code aima.clock.fixed}).
     */
    static RunningStack start(Map<String, String> environment) {
        return start(environment, List.of());
    }

    /**
     * The stack with {@code environment} added to its environment and {@code options} given to the launcher (for
     * example {@code --instances=2}: two instances of every service, the second ones on ports 100 higher).
     */
    static RunningStack start(Map<String, String> environment, List<String> options) {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path jar = repo.resolve("local-stack/target/local-stack.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the whole reactor (./mvnw verify)");
        }
        Path output = Path.of("target", "local-stack.out").toAbsolutePath();
        try {
            Files.createDirectories(output.getParent());
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx768m",
                    "-Daima.stack.health-timeout-seconds=300",
                    "-Djava.io.tmpdir=" + output.getParent(),
                    "-jar",
                    jar.toString(),
                    "--repo=" + repo));
            command.addAll(options);
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            // Short-lived stacks of a few cases: C1 alone compiles far less than C1 and C2 together while six JVMs
            // start at once on two cores (the launcher's services inherit its environment).
            builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
            builder.environment().putAll(environment);
            Process launcher = builder.start();
            RunningStack stack = new RunningStack(repo, output, launcher);
            stack.awaitReady();
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        org.awaitility.Awaitility.await("local-stack ready (it prints 'Press Ctrl-C')")
                .atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String printed = Files.readString(output);
                    if (!printed.contains("Press Ctrl-C") && !launcher.isAlive()) {
                        throw new IllegalStateException(
                                "local-stack exited with " + launcher.exitValue() + ":\n" + printed);
                    }
                    return printed.contains("Press Ctrl-C");
                });
    }

    /** The stack's Kafka bootstrap servers, as its ready table prints them ({@code Kafka: localhost:NNNNN}). */
    String kafkaBootstrapServers() {
        try {
            return Files.readAllLines(output).stream()
                    .filter(line -> line.startsWith("Kafka:"))
                    .map(line -> line.substring("Kafka:".length()).strip().split("\\s+")[0])
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the stack printed no Kafka line"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running process of one service, a child of the launcher. */
    ProcessHandle service(String name) {
        return findService(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    Optional<ProcessHandle> findService(String name) {
        return launcher.descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("/" + name + ".jar"))
                .findFirst();
    }

    /** Kills a service the hard way (SIGKILL): no shutdown hook, no flush, no offset commit. */
    long kill9(String name) {
        ProcessHandle service = service(name);
        long pid = service.pid();
        service.destroyForcibly();
        service.onExit().join();
        return pid;
    }

    @Override
    public void close() {
        if (!launcher.isAlive()) {
            return;
        }
        launcher.destroy();
        try {
            if (!launcher.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

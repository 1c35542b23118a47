package pt.aima.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service's child process: started with a fixed command, output appended to its log file, restarted when it
 * exits while the stack runs (at most {@value #MAX_RESTARTS_PER_MINUTE} times a minute).
 */
final class SupervisedService {

    static final int MAX_RESTARTS_PER_MINUTE = 5;
    /** How long a service may take to answer UP; {@code -Daima.stack.health-timeout-seconds} for slow machines. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(Long.getLong("aima.stack.health-timeout-seconds", 120));

    private final ServiceSpec spec;
    private final String label;
    private final List<String> command;
    private final Path logFile;
    private final PrintStream console;
    private final HealthCheck health = new HealthCheck();
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private volatile Process process;
    private volatile boolean stopping;

    SupervisedService(ServiceSpec spec, List<String> command, Path logFile, PrintStream console) {
        this(spec, spec.name(), command, logFile, console);
    }

    /** {@code label} names this child in messages and in the stack's table ({@code application-service#2}). */
    SupervisedService(ServiceSpec spec, String label, List<String> command, Path logFile, PrintStream console) {
        this.spec = spec;
        this.label = label;
        this.command = command;
        this.logFile = logFile;
        this.console = console;
    }

    ServiceSpec spec() {
        return spec;
    }

    String label() {
        return label;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    /** Starts the child process and watches for its exit. */
    synchronized void start() {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(
                    logFile,
                    "%n===== local-stack starting %s at %s =====%n%s%n"
                            .formatted(
                                    label,
                                    DateTimeFormatter.ISO_INSTANT.format(Instant.now()),
                                    ChildCommand.describe(command)),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of(nullDevice()).toFile()));
            builder.environment().putAll(ChildCommand.ENVIRONMENT);
            Process started = builder.start();
            process = started;
            started.onExit().thenAccept(this::exited);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + label + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code /actuator/health} answers UP.
     *
     * @throws IllegalStateException after {@link #HEALTH_TIMEOUT}, or when the process exits first
     */
    void awaitHealthy() {
        Process watched = process;
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (stopping) {
                return;
            }
            if (!watched.isAlive()) {
                throw new IllegalStateException(
                        label + " exited with code " + watched.exitValue() + " before it was healthy; see " + logFile);
            }
            if (health.isUp(spec.healthUrl())) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(label + " did not answer UP at " + spec.healthUrl() + " within "
                + HEALTH_TIMEOUT.toSeconds() + " s; see " + logFile);
    }

    /** Stops the child for good: SIGTERM, up to {@code grace}, then SIGKILL. */
    void stop(Duration grace) {
        stopping = true;
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                console.println(label + " did not stop within " + grace.toSeconds() + " s; killing it");
                current.destroyForcibly();
                current.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
    }

    /** Asks the child to stop without waiting (the first half of {@link #stop}, for stopping all at once). */
    void requestStop() {
        stopping = true;
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroy();
        }
    }

    private void exited(Process gone) {
        if (stopping || gone != process) {
            return;
        }
        int code = gone.exitValue();
        if (!allowRestart(Instant.now())) {
            console.println(label + " exited with code " + code + "; it exited more than " + MAX_RESTARTS_PER_MINUTE
                    + " times in a minute, not restarting it (see " + logFile + ")");
            return;
        }
        console.println(label + " exited with code " + code + "; restarting");
        Thread.ofPlatform().name("restart-" + label).daemon(true).start(() -> {
            try {
                synchronized (this) {
                    if (stopping) {
                        return;
                    }
                    start();
                }
                awaitHealthy();
                if (!stopping) {
                    console.println(label + " restarted, healthy again with PID " + pid());
                }
            } catch (RuntimeException e) {
                if (!stopping) {
                    console.println("Restarting " + label + " failed: " + e.getMessage());
                }
            }
        });
    }

    /** Records a restart at {@code now} if fewer than the limit happened in the minute before it. */
    synchronized boolean allowRestart(Instant now) {
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= MAX_RESTARTS_PER_MINUTE) {
            return false;
        }
        restarts.addLast(now);
        return true;
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "NUL" : "/dev/null";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}

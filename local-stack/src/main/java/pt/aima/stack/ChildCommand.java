package pt.aima.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import pt.aima.infra.DatabaseSettings;

/**
 * Builds the command line of one service's child process, and the same settings for a developer who runs the service
 * themselves (see {@link DevelopmentRun}). No process is started here.
 */
public final class ChildCommand {

    /**
     * Each service's heap bound. With 512 MiB, G1 grew notification-service's heap toward it and the process peaked at
     * up to 868 MiB in the 3,000-case benchmark (the target is 768 per process); at 384 MiB the services peaked at
     * 496-738. What a service keeps live is far less (about 150 MiB).
     */
    public static final String HEAP = "-Xmx384m";

    /**
     * The largest temporary direct buffer the JDK keeps per thread for socket I/O through heap buffers (2 MiB). A Kafka
     * client reads each response into a heap buffer of the response's size through a native copy of the same size,
     * which the JDK caches in the reading thread for its life, unbounded by default. The consumers' fetch responses are
     * bounded at 1 MiB (the platform's {@code fetch.max.bytes}); this bounds what anything else leaves behind. Not
     * lower: a buffer above the bound is allocated and freed on every read (with 256 KiB and Kafka's default fetch
     * size, a buffer of several MiB per read). What it bounds is these copies, not the resident peak: with the copies
     * bounded, the native allocator's retained free space grew as much (docs/scaling.md).
     */
    public static final String NIO_BUFFER_CACHE = "-Djdk.nio.maxCachedBufferSize=2097152";

    /**
     * The serial collector, for every service. Five JVMs share two cores here: G1's remembered sets and marking
     * bitmaps took 44-46 MiB of native memory per process beside the heap, the serial collector's 1 MiB, and over the
     * 25,000-case benchmark it cost no more CPU per case (docs/scaling.md). Its pauses are short at a 384 MiB heap:
     * operations-service, which answers people, paused far less with it under 20 concurrent readers than with G1 (up to
     * 106 ms).
     */
    static final String COLLECTOR = "-XX:+UseSerialGC";

    /**
     * The JVM gives the native allocator's free memory back to the system every 30 s ({@code malloc_trim}). glibc
     * keeps what a process freed for reuse: by the end of a 25,000-case run a service's resident size was up to 68 MiB
     * above what the JVM accounts for, and one manual trim gave back 39-43 MiB. Every 5 s it took 1.3-2.2% of each
     * service's CPU, every 30 s 0.3-0.9%, with the same peaks (docs/scaling.md). A product option in JDK 22 and later
     * 21 updates, experimental in the first (from 21.0.1), hence the unlock, which changes nothing where it is a
     * product option.
     */
    static final List<String> NATIVE_HEAP_TRIM =
            List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=30000");

    /**
     * The JVM options of every service's process, the same for all: the heap bound, the bound on cached I/O buffers,
     * the collector and the native heap trim.
     */
    public static List<String> jvmOptions() {
        return Stream.concat(Stream.of(HEAP, NIO_BUFFER_CACHE, COLLECTOR), NATIVE_HEAP_TRIM.stream())
                .toList();
    }

    /** Environment variables every child gets besides the launcher's own. */
    public static final Map<String, String> ENVIRONMENT = Map.of("AXONIQ_UPDATE_CHECKER_DISABLED", "true");

    private ChildCommand() {}

    /**
     * One Spring property the stack sets on a service, given as a program argument ({@code --name=value}) or as the
     * equivalent environment variable (relaxed binding: {@code SPRING_DATASOURCE_URL}).
     */
    public record Setting(String property, String value) {

        public String argument() {
            return "--" + property + "=" + value;
        }

        /** Dots and dashes become underscores, as in docker-compose.yml; Spring binds both spellings. */
        public String environmentVariable() {
            return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        }
    }

    /** What the stack tells a service: its port, its database, Kafka and the token issuer's key set. */
    public static List<Setting> settings(
            ServiceSpec service, DatabaseSettings database, String kafkaBootstrapServers, String jwkSetUri) {
        return List.of(
                new Setting("server.port", String.valueOf(service.port())),
                new Setting("spring.datasource.url", database.jdbcUrl()),
                new Setting("spring.datasource.username", database.username()),
                new Setting("spring.datasource.password", database.password()),
                new Setting("spring.kafka.bootstrap-servers", kafkaBootstrapServers),
                new Setting("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwkSetUri));
    }

    /**
     * {@code <java> -Xmx384m -Djdk.nio.maxCachedBufferSize=2097152 -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions
     * -XX:TrimNativeHeapInterval=30000 -jar <jar> --server.port=.. --spring.datasource.url=..
     * --spring.datasource.username=.. --spring.datasource.password=.. --spring.kafka.bootstrap-servers=..
     * --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=..}
     */
    public static List<String> build(
            Path java,
            Path jar,
            ServiceSpec service,
            DatabaseSettings database,
            String kafkaBootstrapServers,
            String jwkSetUri) {
        return build(java, jar, settings(service, database, kafkaBootstrapServers, jwkSetUri));
    }

    public static List<String> build(Path java, Path jar, List<Setting> settings) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        settings.forEach(setting -> command.add(setting.argument()));
        return List.copyOf(command);
    }

    /** The java executable of this launcher, so the children run on the same JDK. */
    public static Path currentJava() {
        return ProcessHandle.current()
                .info()
                .command()
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** The command for printing, with the database password hidden. */
    public static String describe(List<String> command) {
        return String.join(
                " ",
                command.stream()
                        .map(part -> part.startsWith("--spring.datasource.password=")
                                ? "--spring.datasource.password=***"
                                : part)
                        .toList());
    }
}

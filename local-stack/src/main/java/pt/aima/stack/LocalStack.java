package pt.aima.stack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.DevTokenIssuer;
import pt.aima.infra.InfrastructureOptions;
import pt.aima.infra.LocalInfrastructure;
import sun.misc.Signal;

/**
 * The whole system on a developer machine with one command: PostgreSQL, Kafka and the token issuer through
 * {@link LocalInfrastructure} (embedded unless {@code AIMA_POSTGRES_URL} / {@code AIMA_KAFKA_BOOTSTRAP} name existing
 * servers; never Testcontainers), then the five services' boot jars as supervised child processes. Ctrl-C stops
 * everything.
 */
public final class LocalStack {

    static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final StackOptions options;
    private final PrintStream out;
    private final List<SupervisedService> services = new ArrayList<>();
    private volatile LocalInfrastructure infrastructure;
    private volatile DevTokenIssuer issuer;
    private volatile StackLock lock;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    LocalStack(StackOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(StackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(StackOptions.USAGE);
            return;
        }
        LocalStack stack = new LocalStack(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::shutdown, "local-stack-shutdown"));
        stopOnSignals(stack);
        try {
            if (options.issuerOnly()) {
                stack.runIssuerOnly();
            } else {
                stack.run();
            }
        } catch (RuntimeException | Error e) {
            System.err.println();
            Throwable cause =
                    e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalStateException || cause instanceof java.io.UncheckedIOException) {
                System.err.println("local-stack failed: " + cause.getMessage());
            } else {
                System.err.println("local-stack failed:");
                cause.printStackTrace();
            }
            System.exit(1);
        }
        stack.blockForever();
    }

    void runIssuerOnly() {
        issuer = DevTokenIssuer.start("0.0.0.0", options.issuerPort());
        out.println("Token issuer listening on 0.0.0.0:" + issuer.port() + " (JWK set at /jwks, tokens at /token)");
        out.println("Example: curl 'http://127.0.0.1:" + issuer.port() + "/token?sub=caseworker-1&role=CASEWORKER'");
    }

    void run() {
        long startedAt = launcherStart();
        Path repo = options.repo();
        List<String> missing = new ArrayList<>();
        for (ServiceSpec service : options.started()) {
            if (!Files.isRegularFile(service.jar(repo))) {
                missing.add(service.jar(repo).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing service jar(s):\n  " + String.join("\n  ", missing)
                    + "\nBuild them first, in " + repo + ": ./mvnw -DskipTests install");
        }

        lock = StackLock.acquire(repo);
        prepareLocalData(repo);

        out.println("Starting PostgreSQL and Kafka ...");
        infrastructure = LocalInfrastructure.create(InfrastructureOptions.fromEnvironment()
                .withoutDocker()
                .withWorkDirectory(LocalData.infrastructureDirectory(repo)));
        infrastructure.startAll();
        String kafka = infrastructure.kafkaBootstrapServers();
        issuer = DevTokenIssuer.start(DevTokenIssuer.LOOPBACK, options.issuerPort());

        Path java = ChildCommand.currentJava();
        StringBuilder leftOut = new StringBuilder();
        List<List<SupervisedService>> waves = new ArrayList<>();
        for (int number = 1; number <= options.instances(); number++) {
            waves.add(new ArrayList<>());
        }
        for (ServiceSpec service : ServiceSpec.ALL) {
            DatabaseSettings database = infrastructure.createDatabase(service.databaseName());
            List<ChildCommand.Setting> settings = ChildCommand.settings(service, database, kafka, issuer.jwkSetUri());
            if (options.without().contains(service)) {
                leftOut.append(System.lineSeparator()).append(DevelopmentRun.instructions(service, settings, java));
            } else {
                // Every instance gets the service's database (so its Axon token store: the instances share the
                // processors' segments) and the service's Kafka consumer group (they share the partitions); only
                // the port differs.
                for (int number = 1; number <= options.instances(); number++) {
                    ServiceSpec instance = service.instance(number);
                    List<String> command = ChildCommand.build(
                            java,
                            service.jar(repo),
                            ChildCommand.settings(instance, database, kafka, issuer.jwkSetUri()));
                    SupervisedService child = new SupervisedService(
                            instance, service.label(number), command, service.logFile(repo, number), out);
                    services.add(child);
                    waves.get(number - 1).add(child);
                }
            }
        }
        out.println("Starting " + services.size() + " services (logs in " + LocalData.logDirectory(repo) + ") ...");
        // First instances first: each migrates its database and creates its processors' token entries before a second
        // instance of the same service joins them.
        for (List<SupervisedService> wave : waves) {
            wave.forEach(SupervisedService::start);
            awaitHealthy(wave);
        }
        Duration readyAfter = Duration.ofMillis(System.currentTimeMillis() - startedAt);
        out.println();
        out.print(summary(services, options.without(), issuer.baseUrl(), kafka, readyAfter));
        out.print(leftOut);
        if (!leftOut.isEmpty()) {
            out.println();
        }
        out.println("Press Ctrl-C to stop everything.");
    }

    private static void awaitHealthy(List<SupervisedService> started) {
        List<CompletableFuture<Void>> healthy = started.stream()
                .map(service -> {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    Thread.ofPlatform()
                            .name("health-" + service.label())
                            .daemon(true)
                            .start(() -> {
                                try {
                                    service.awaitHealthy();
                                    done.complete(null);
                                } catch (RuntimeException e) {
                                    done.completeExceptionally(e);
                                }
                            });
                    return done;
                })
                .toList();
        for (CompletableFuture<Void> future : healthy) {
            try {
                future.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
    }

    /** {@code --reset} deletes; otherwise a hint when killed runs left data behind. */
    private void prepareLocalData(Path repo) {
        LocalData data = new LocalData(repo);
        if (options.reset()) {
            List<Path> deleted = data.reset();
            if (deleted.isEmpty()) {
                out.println("Reset: nothing to delete (no logs, no data left by earlier runs).");
            } else {
                out.println("Reset: deleted " + megabytes(LocalData.sizeOf(deleted)) + ":");
                deleted.forEach(path -> out.println("  " + path));
            }
            if (infrastructureIsConfigured()) {
                out.println("Reset: the PostgreSQL / Kafka named by AIMA_POSTGRES_URL / AIMA_KAFKA_BOOTSTRAP are"
                        + " yours and keep their data.");
            }
            return;
        }
        List<Path> leftovers = data.leftovers();
        if (!leftovers.isEmpty()) {
            out.println("Note: " + leftovers.size() + " data director" + (leftovers.size() == 1 ? "y" : "ies")
                    + " left by runs that did not stop cleanly (" + megabytes(LocalData.sizeOf(leftovers))
                    + ") under " + LocalData.stateDirectory(repo) + "; --reset deletes them.");
        }
    }

    private static boolean infrastructureIsConfigured() {
        InfrastructureOptions configured = InfrastructureOptions.fromEnvironment();
        return configured.postgresUrl() != null || configured.kafkaBootstrap() != null;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    /** When this launcher's process started (so start-up time includes the JVM's), in epoch milliseconds. */
    private static long launcherStart() {
        return ProcessHandle.current()
                .info()
                .startInstant()
                .map(java.time.Instant::toEpochMilli)
                .orElseGet(System::currentTimeMillis);
    }

    /** The tokens {@link #summary} shows how to get, one per role; README's walkthrough uses the same subjects. */
    static final List<ExampleToken> EXAMPLE_TOKENS = List.of(
            new ExampleToken("APPLICANT", "applicant-ana"),
            new ExampleToken("CASEWORKER", "caseworker-1"),
            new ExampleToken("OPERATIONS", "operations-1"),
            new ExampleToken("AUDITOR", "auditor-1"));

    record ExampleToken(String role, String subject) {

        String curl(String issuerBaseUrl) {
            return "curl '" + issuerBaseUrl + "/token?sub=" + subject + "&role=" + role + "'";
        }
    }

    /**
     * The table printed when every started service is healthy. The service name is the first column (a second
     * instance's is {@code <service>#2}) and its PID the fourth, and the Kafka line reads {@code Kafka: <bootstrap>}: bench/backlog-benchmark.sh reads them.
     */
    static String summary(
            List<SupervisedService> services,
            List<ServiceSpec> leftOut,
            String issuerBaseUrl,
            String kafka,
            Duration readyAfter) {
        String nl = System.lineSeparator();
        StringBuilder table = new StringBuilder();
        String format = "%-21s %-22s %-39s %-8s %-38s %s%n";
        table.append(String.format(format, "SERVICE", "URL", "SWAGGER UI", "PID", "HEALTH", "LOG"));
        for (SupervisedService service : services) {
            ServiceSpec spec = service.spec();
            table.append(String.format(
                    format,
                    service.label(),
                    spec.baseUrl(),
                    spec.swaggerUiUrl(),
                    service.pid(),
                    spec.healthUrl(),
                    service.logFile()));
        }
        for (ServiceSpec spec : leftOut) {
            table.append(String.format(
                    "%-21s %-22s not started (--without): run it yourself, see below%n", spec.name(), spec.baseUrl()));
        }
        table.append(nl);
        table.append("Token issuer: ")
                .append(issuerBaseUrl)
                .append("  (JWK set: ")
                .append(issuerBaseUrl)
                .append("/jwks)")
                .append(nl);
        table.append("Kafka:        ").append(kafka).append(nl);
        table.append("Tokens (8 hours; in Swagger UI: Authorize, paste the token):")
                .append(nl);
        for (ExampleToken example : EXAMPLE_TOKENS) {
            table.append(String.format("  %-11s %s%n", example.role(), example.curl(issuerBaseUrl)));
        }
        table.append(nl);
        table.append("Ready in ")
                .append(readyAfter.toSeconds())
                .append(" s (")
                .append(services.size())
                .append(" service")
                .append(services.size() == 1 ? "" : "s")
                .append(" healthy).")
                .append(nl);
        return table.toString();
    }

    /**
     * Ctrl-C and {@code kill} (SIGINT, SIGTERM) stop the stack here, before the JVM runs its shutdown hooks, and then
     * exit as those signals do. Shutdown hooks alone cannot stop the services first: embedded PostgreSQL stops its
     * server in a hook of its own (zonky's, which cannot be turned off), and the JVM runs every hook at once, so the
     * services lost their database in the middle of stopping and were killed after {@link #STOP_GRACE}. The hook
     * stays, for every other way the launcher ends.
     */
    private static void stopOnSignals(LocalStack stack) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    stack.shutdown();
                    System.exit(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal for itself (-Xrs): the shutdown hook alone stops the stack.
            }
        }
    }

    /**
     * Stops the stack once, whoever asks first (a signal, the shutdown hook): children first (they still need
     * PostgreSQL and Kafka to stop cleanly), then the rest.
     */
    void shutdown() {
        if (!shuttingDown.compareAndSet(false, true)) {
            return;
        }
        if (services.isEmpty() && issuer == null && infrastructure == null) {
            return;
        }
        quietKafkaLogs();
        if (!services.isEmpty()) {
            out.println();
            out.println("Stopping " + services.size() + " services ...");
            services.forEach(SupervisedService::requestStop);
            List<Thread> waits = services.stream()
                    .map(service -> Thread.ofPlatform().start(() -> service.stop(STOP_GRACE)))
                    .toList();
            for (Thread wait : waits) {
                try {
                    wait.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (issuer != null) {
            issuer.stop();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
        if (lock != null) {
            lock.close();
        }
        out.println("Everything stopped.");
        out.flush();
    }

    /**
     * Kafka's test kit deletes the embedded broker's directories in its own shutdown hook, which runs alongside this
     * one, so the broker's last checkpoint writes fail with alarming but harmless errors: not shown at shutdown.
     */
    private static void quietKafkaLogs() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }
    }

    private void blockForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

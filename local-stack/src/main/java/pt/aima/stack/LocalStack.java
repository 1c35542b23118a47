package pt.aima.stack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.DevTokenIssuer;
import pt.aima.infra.InfrastructureOptions;
import pt.aima.infra.LocalInfrastructure;

/**
 * The whole system on a developer machine with one command: PostgreSQL, Kafka and the token issuer through
 * {@link LocalInfrastructure} (embedded unless {@code AIMA_POSTGRES_URL} / {@code AIMA_KAFKA_BOOTSTRAP} name existing
 * servers; never Testcontainers), then the four services' boot jars as supervised child processes. Ctrl-C stops
 * everything.
 */
public final class LocalStack {

    static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final StackOptions options;
    private final PrintStream out;
    private final List<SupervisedService> services = new ArrayList<>();
    private volatile LocalInfrastructure infrastructure;
    private volatile DevTokenIssuer issuer;

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
        Path repo = options.repo();
        List<String> missing = new ArrayList<>();
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (!Files.isRegularFile(service.jar(repo))) {
                missing.add(service.jar(repo).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing service jar(s):\n  " + String.join("\n  ", missing)
                    + "\nBuild them first, in " + repo + ": ./mvnw -DskipTests install");
        }

        Path stateDirectory = repo.resolve(".local-stack");
        out.println("Starting PostgreSQL and Kafka ...");
        infrastructure = LocalInfrastructure.create(InfrastructureOptions.fromEnvironment()
                .withoutDocker()
                .withWorkDirectory(stateDirectory.resolve("infra")));
        infrastructure.startAll();
        String kafka = infrastructure.kafkaBootstrapServers();
        issuer = DevTokenIssuer.start(DevTokenIssuer.LOOPBACK, options.issuerPort());

        Path java = ChildCommand.currentJava();
        for (ServiceSpec service : ServiceSpec.ALL) {
            DatabaseSettings database = infrastructure.createDatabase(service.databaseName());
            List<String> command =
                    ChildCommand.build(java, service.jar(repo), service, database, kafka, issuer.jwkSetUri());
            services.add(new SupervisedService(service, command, service.logFile(repo), out));
        }
        out.println("Starting " + services.size() + " services (logs in " + stateDirectory.resolve("logs") + ") ...");
        for (SupervisedService service : services) {
            service.start();
        }
        List<CompletableFuture<Void>> healthy = services.stream()
                .map(service -> {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    Thread.ofPlatform()
                            .name("health-" + service.spec().name())
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
        out.println();
        out.print(summary(services, issuer, infrastructure, kafka));
        out.println("Press Ctrl-C to stop everything.");
    }

    static String summary(
            List<SupervisedService> services, DevTokenIssuer issuer, LocalInfrastructure infrastructure, String kafka) {
        StringBuilder table = new StringBuilder();
        String format = "%-22s %-24s %-36s %-8s %s%n";
        table.append(String.format(format, "SERVICE", "URL", "OPENAPI", "PID", "LOG"));
        for (SupervisedService service : services) {
            ServiceSpec spec = service.spec();
            table.append(String.format(
                    format, spec.name(), spec.baseUrl(), spec.openApiUrl(), service.pid(), service.logFile()));
        }
        table.append(System.lineSeparator());
        table.append("Token issuer: ")
                .append(issuer.baseUrl())
                .append("  (JWK set: ")
                .append(issuer.jwkSetUri());
        table.append(')').append(System.lineSeparator());
        table.append("Kafka:        ").append(kafka).append(System.lineSeparator());
        table.append("Get a token:  curl '")
                .append(issuer.baseUrl())
                .append("/token?sub=caseworker-1&role=CASEWORKER'")
                .append(System.lineSeparator());
        return table.toString();
    }

    /** The shutdown hook: children first (they still need PostgreSQL and Kafka to stop cleanly), then the rest. */
    void shutdown() {
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

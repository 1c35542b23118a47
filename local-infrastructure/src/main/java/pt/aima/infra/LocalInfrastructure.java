package pt.aima.infra;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one place that decides which PostgreSQL server, which Kafka cluster and which token issuer the tests and the
 * local stack use. Each is started lazily, on first use, and the decision is logged:
 *
 * <ul>
 *   <li>PostgreSQL: the server in {@code AIMA_POSTGRES_URL} (with {@code AIMA_POSTGRES_USER} /
 *       {@code AIMA_POSTGRES_PASSWORD}) if set; else a Testcontainers {@code postgres:17} if Docker is available (and
 *       not switched off with {@code -Daima.infra.docker=false}); else an embedded PostgreSQL 17 child process.
 *   <li>Kafka: the cluster in {@code AIMA_KAFKA_BOOTSTRAP} if set; else a Testcontainers {@code apache/kafka} if
 *       Docker is available (and allowed); else an embedded single-node KRaft broker in this JVM.
 *   <li>Tokens: a {@link DevTokenIssuer} on a random loopback port.
 * </ul>
 *
 * <p>{@link #shared()} is the process-wide instance, stopped by a JVM shutdown hook. {@link #create} makes an
 * instance whose owner closes it (the local stack, which must stop its child processes first).
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** Partitions of topics that the embedded and container brokers create on first use. */
    public static final int DEFAULT_PARTITIONS = 6;

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static LocalInfrastructure shared;
    /**
     * The threads that close Spring contexts when the JVM exits: Spring Boot's for an application, Spring's own for the
     * contexts the test framework caches. They must finish before the broker stops, or their Kafka clients wait out
     * their close timeouts against a broker that is gone (and Surefire kills the fork after 30 seconds).
     */
    private static final Set<String> SPRING_SHUTDOWN_HOOKS =
            Set.of("SpringApplicationShutdownHook", "SpringContextShutdownHook");

    private final InfrastructureOptions options;
    private final Object postgresLock = new Object();
    private final Object kafkaLock = new Object();
    private final Object tokensLock = new Object();
    private final Object dockerLock = new Object();
    private PostgresServer postgres;
    private KafkaServer kafka;
    private DevTokenIssuer tokens;
    private Boolean dockerAvailable;
    private volatile boolean closed;

    private LocalInfrastructure(InfrastructureOptions options) {
        this.options = options;
    }

    /** The process-wide instance, configured from the environment, stopped when the JVM exits. */
    public static synchronized LocalInfrastructure shared() {
        if (shared == null) {
            LocalInfrastructure instance = new LocalInfrastructure(InfrastructureOptions.fromEnvironment());
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                awaitSpringShutdown();
                                instance.close();
                            },
                            "aima-local-infrastructure-stop"));
            shared = instance;
        }
        return shared;
    }

    /** A new instance that the caller must {@link #close()}; nothing starts before it is used. */
    public static LocalInfrastructure create(InfrastructureOptions options) {
        return new LocalInfrastructure(options);
    }

    public InfrastructureOptions options() {
        return options;
    }

    /** Starts PostgreSQL and Kafka now, side by side, instead of on first use. */
    public LocalInfrastructure startAll() {
        // A thread of our own, with the caller's context class loader: Kafka loads classes by name through it, and
        // the common pool's threads have the system class loader, which cannot see into a Spring Boot fat jar.
        CompletableFuture<Void> kafkaStart = new CompletableFuture<>();
        ClassLoader contextClassLoader = Thread.currentThread().getContextClassLoader();
        Thread starter = new Thread(
                () -> {
                    try {
                        kafka();
                        kafkaStart.complete(null);
                    } catch (Throwable e) {
                        kafkaStart.completeExceptionally(e);
                    }
                },
                "aima-kafka-start");
        starter.setContextClassLoader(contextClassLoader);
        starter.setDaemon(true);
        starter.start();
        postgres();
        try {
            kafkaStart.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
        return this;
    }

    /** The bootstrap servers of the Kafka cluster, started if needed. */
    public String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    /**
     * Creates database {@code name} on the PostgreSQL server (started if needed) unless it exists.
     *
     * @param name lowercase letters, digits and underscores, at most 63 characters
     */
    public DatabaseSettings createDatabase(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Database name must be 1-63 lowercase letters, digits or underscores: " + name);
        }
        PostgresServer server = postgres();
        server.createDatabaseIfMissing(name);
        return new DatabaseSettings(server.jdbcUrlFor(name), server.username(), server.password());
    }

    /** The development token issuer, started on a random loopback port if needed. */
    public DevTokenIssuer tokens() {
        synchronized (tokensLock) {
            checkOpen();
            if (tokens == null) {
                tokens = DevTokenIssuer.start(DevTokenIssuer.LOOPBACK, 0);
                log.info("Token issuer: {} (JWK set at {})", tokens.baseUrl(), tokens.jwkSetUri());
            }
            return tokens;
        }
    }

    /** Stops what this instance started (a configured server or cluster is left alone). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (tokensLock) {
            if (tokens != null) {
                quietly("token issuer", tokens::stop);
            }
        }
        synchronized (kafkaLock) {
            if (kafka instanceof ConfiguredKafka) {
                log.info("Kafka: configured cluster left running");
            } else if (kafka != null) {
                quietly("Kafka", kafka::close);
            }
        }
        synchronized (postgresLock) {
            if (postgres instanceof ConfiguredPostgres) {
                log.info("PostgreSQL: configured server left running");
            } else if (postgres != null) {
                quietly("PostgreSQL", postgres::close);
            }
        }
    }

    private PostgresServer postgres() {
        synchronized (postgresLock) {
            checkOpen();
            if (postgres == null) {
                long started = System.nanoTime();
                PostgresServer server;
                if (options.postgresUrl() != null) {
                    server = new ConfiguredPostgres(
                            options.postgresUrl(), options.postgresUser(), options.postgresPassword());
                } else if (dockerAvailable()) {
                    server = new ContainerPostgres();
                } else {
                    server = new EmbeddedPostgresServer(options.workDirectory(), options.durableEmbeddedPostgres());
                }
                String version = server.serverVersion();
                String where = server instanceof EmbeddedPostgresServer embedded
                        ? " (data in " + embedded.dataDirectory() + "; " + embedded.durability() + ")"
                        : "";
                log.info(
                        "PostgreSQL: {} {} at {} as {}{}, ready in {} ms",
                        server.kind(),
                        version,
                        server.adminJdbcUrl(),
                        server.username(),
                        where,
                        (System.nanoTime() - started) / 1_000_000);
                postgres = server;
            }
            return postgres;
        }
    }

    private KafkaServer kafka() {
        synchronized (kafkaLock) {
            checkOpen();
            if (kafka == null) {
                long started = System.nanoTime();
                KafkaServer server;
                if (options.kafkaBootstrap() != null) {
                    server = new ConfiguredKafka(options.kafkaBootstrap());
                } else if (dockerAvailable()) {
                    server = new ContainerKafka();
                } else {
                    server = new EmbeddedKafka();
                }
                log.info(
                        "Kafka: {} at {}, ready in {} ms",
                        server.kind(),
                        server.bootstrapServers(),
                        (System.nanoTime() - started) / 1_000_000);
                kafka = server;
            }
            return kafka;
        }
    }

    private boolean dockerAvailable() {
        synchronized (dockerLock) {
            if (dockerAvailable == null) {
                if (!options.dockerAllowed()) {
                    log.info("Docker: not tried ({}=false)", InfrastructureOptions.PROPERTY_DOCKER);
                    dockerAvailable = false;
                } else {
                    boolean available;
                    try {
                        available = DockerClientFactory.instance().isDockerAvailable();
                    } catch (RuntimeException | LinkageError e) {
                        log.debug("Docker check failed", e);
                        available = false;
                    }
                    log.info(
                            "Docker: {}",
                            available ? "available, using Testcontainers" : "not available, using embedded servers");
                    dockerAvailable = available;
                }
            }
            return dockerAvailable;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("LocalInfrastructure has been closed");
        }
    }

    /**
     * Shutdown hooks run side by side. Spring Boot closes its application contexts (Kafka consumers, Axon processors,
     * connection pools) in its own hook: let it finish before the broker goes away, up to 30 s.
     */
    private static void awaitSpringShutdown() {
        if (LocalInfrastructure.class.getClassLoader().getResource("org/springframework/boot/SpringApplication.class")
                == null) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + java.time.Duration.ofSeconds(30).toNanos();
        // The hooks are started one after another: give Spring's a moment to appear.
        long lookFor = start + java.time.Duration.ofMillis(500).toNanos();
        while (System.nanoTime() < lookFor) {
            List<Thread> springHooks = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread != Thread.currentThread())
                    .filter(thread -> SPRING_SHUTDOWN_HOOKS.contains(thread.getName()))
                    .toList();
            if (!springHooks.isEmpty()) {
                for (Thread hook : springHooks) {
                    long remaining = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    try {
                        hook.join(Math.max(1, remaining));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void quietly(String what, Runnable stop) {
        try {
            stop.run();
            log.info("{} stopped", what);
        } catch (RuntimeException e) {
            log.warn("Could not stop {} cleanly: {}", what, e.toString());
        }
    }
}

package pt.aima.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The launcher's command line.
 *
 * @param repo the repository root, where {@code <service>/target/<service>.jar} are ({@code --repo=<dir>}, default
 *     the current directory)
 * @param issuerPort the token issuer's port ({@code --issuer-port=<port>}, default 8090)
 * @param issuerOnly run only the token issuer, on all interfaces ({@code --issuer-only}, for docker-compose)
 * @param without the services not to start, in the stack's order ({@code --without=<service>[,<service>]})
 * @param reset delete the stack's logs and the data left by runs that did not stop cleanly before starting
 *     ({@code --reset})
 * @param help print the usage and exit ({@code --help})
 * @param instances how many instances of each started service run side by side ({@code --instances=<n>}, default 1):
 *     instance {@code k} listens on the service's port + {@value ServiceSpec#INSTANCE_PORT_STEP} × (k − 1) and shares
 *     the service's database and Kafka consumer group with the others
 */
public record StackOptions(
        Path repo,
        int issuerPort,
        boolean issuerOnly,
        List<ServiceSpec> without,
        boolean reset,
        boolean help,
        int instances) {

    public static final int DEFAULT_ISSUER_PORT = 8090;
    /** Ports 8081-8085, 8181-8185 and 8281-8285 stay clear of each other and of the issuer's 8090. */
    public static final int MAX_INSTANCES = 3;

    public static final String USAGE =
            """
            Usage: java -jar local-stack/target/local-stack.jar [--repo=<dir>] [--issuer-port=<port>]
                       [--without=<service>[,<service>]] [--instances=<n>] [--reset] [--issuer-only]

              Starts PostgreSQL, Kafka and a development token issuer, then the five services from their boot jars
              (<repo>/<service>/target/<service>.jar), supervises them and stops everything on Ctrl-C.

              --repo=<dir>          repository root (default: the current directory)
              --issuer-port=<port>  port of the token issuer (default: 8090)
              --without=<services>  start all but these services (comma-separated: application-service,
                                    document-service, scheduling-service, notification-service,
                                    operations-service) and print, for each, the command that runs it against
                                    the stack (Maven, jar, IDE arguments)
              --instances=<n>       run n instances (1 to 3, default 1) of every started service side by side:
                                    the second on port + 100 (8181-8185), the third on port + 200; they share
                                    the service's database, its Axon token store and its Kafka consumer group
              --reset               before starting, delete .local-stack/logs and the data left behind by runs
                                    that did not stop cleanly (every run starts with empty databases and topics)
              --issuer-only         run only the token issuer, bound to 0.0.0.0 (for docker-compose)
              --help                this text

              Environment: AIMA_POSTGRES_URL (+ AIMA_POSTGRES_USER, AIMA_POSTGRES_PASSWORD) and AIMA_KAFKA_BOOTSTRAP
              use existing servers instead of the embedded PostgreSQL and Kafka (--reset leaves those alone).
              The embedded PostgreSQL runs with fsync and synchronous_commit off (fast; a crash may lose its last
              commits); AIMA_POSTGRES_DURABLE=true runs it durable, every commit flushed to disk.
            """;

    public StackOptions {
        without = List.copyOf(without);
    }

    /** The options of one instance per service (the tests' shorthand). */
    public StackOptions(
            Path repo, int issuerPort, boolean issuerOnly, List<ServiceSpec> without, boolean reset, boolean help) {
        this(repo, issuerPort, issuerOnly, without, reset, help, 1);
    }

    public static StackOptions parse(String... args) {
        Path repo = Path.of("");
        int issuerPort = DEFAULT_ISSUER_PORT;
        boolean issuerOnly = false;
        List<String> without = new ArrayList<>();
        boolean reset = false;
        boolean help = false;
        int instances = 1;
        for (String arg : args) {
            if (arg.startsWith("--repo=")) {
                String value = arg.substring("--repo=".length());
                if (value.isBlank()) {
                    throw new IllegalArgumentException("--repo needs a directory");
                }
                repo = Path.of(value);
            } else if (arg.startsWith("--issuer-port=")) {
                String value = arg.substring("--issuer-port=".length());
                try {
                    issuerPort = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--issuer-port needs a number: " + value);
                }
                if (issuerPort < 0 || issuerPort > 65535) {
                    throw new IllegalArgumentException("--issuer-port out of range: " + value);
                }
            } else if (arg.startsWith("--without=")) {
                without.addAll(serviceNames(arg.substring("--without=".length())));
            } else if (arg.startsWith("--instances=")) {
                String value = arg.substring("--instances=".length());
                try {
                    instances = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--instances needs a number: " + value);
                }
                if (instances < 1 || instances > MAX_INSTANCES) {
                    throw new IllegalArgumentException(
                            "--instances must be between 1 and " + MAX_INSTANCES + ": " + value);
                }
            } else if (arg.equals("--reset")) {
                reset = true;
            } else if (arg.equals("--issuer-only")) {
                issuerOnly = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        if (issuerOnly && (reset || !without.isEmpty() || instances != 1)) {
            throw new IllegalArgumentException("--issuer-only starts no services and keeps no data: "
                    + "it takes neither --without, --instances nor --reset");
        }
        List<ServiceSpec> leftOut = ServiceSpec.ALL.stream()
                .filter(service -> without.contains(service.name()))
                .toList();
        return new StackOptions(
                repo.toAbsolutePath().normalize(), issuerPort, issuerOnly, leftOut, reset, help, instances);
    }

    /** The services the stack starts: all but {@link #without}. */
    public List<ServiceSpec> started() {
        return ServiceSpec.ALL.stream()
                .filter(service -> !without.contains(service))
                .toList();
    }

    private static List<String> serviceNames(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",", -1)) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("--without needs service names, comma-separated: " + known());
            }
            if (ServiceSpec.named(trimmed).isEmpty()) {
                throw new IllegalArgumentException(
                        "--without: no service '" + trimmed + "'; the services are " + known());
            }
            names.add(trimmed);
        }
        return names;
    }

    private static String known() {
        return ServiceSpec.ALL.stream().map(ServiceSpec::name).collect(Collectors.joining(", "));
    }
}

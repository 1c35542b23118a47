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
 */
public record StackOptions(
        Path repo, int issuerPort, boolean issuerOnly, List<ServiceSpec> without, boolean reset, boolean help) {

    public static final int DEFAULT_ISSUER_PORT = 8090;

    public static final String USAGE =
            """
            Usage: java -jar local-stack/target/local-stack.jar [--repo=<dir>] [--issuer-port=<port>]
                       [--without=<service>[,<service>]] [--reset] [--issuer-only]

              Starts PostgreSQL, Kafka and a development token issuer, then the five services from their boot jars
              (<repo>/<service>/target/<service>.jar), supervises them and stops everything on Ctrl-C.

              --repo=<dir>          repository root (default: the current directory)
              --issuer-port=<port>  port of the token issuer (default: 8090)
              --without=<services>  start all but these services (comma-separated: application-service,
                                    document-service, scheduling-service, notification-service,
                                    operations-service) and print, for each, the command that runs it against
                                    the stack (Maven, jar, IDE arguments)
              --reset               before starting, delete .local-stack/logs and the data left behind by runs
                                    that did not stop cleanly (every run starts with empty databases and topics)
              --issuer-only         run only the token issuer, bound to 0.0.0.0 (for docker-compose)
              --help                this text

              Environment: AIMA_POSTGRES_URL (+ AIMA_POSTGRES_USER, AIMA_POSTGRES_PASSWORD) and AIMA_KAFKA_BOOTSTRAP
              use existing servers instead of the embedded PostgreSQL and Kafka (--reset leaves those alone).
            """;

    public StackOptions {
        without = List.copyOf(without);
    }

    public static StackOptions parse(String... args) {
        Path repo = Path.of("");
        int issuerPort = DEFAULT_ISSUER_PORT;
        boolean issuerOnly = false;
        List<String> without = new ArrayList<>();
        boolean reset = false;
        boolean help = false;
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
        if (issuerOnly && (reset || !without.isEmpty())) {
            throw new IllegalArgumentException(
                    "--issuer-only starts no services and keeps no data: " + "it takes neither --without nor --reset");
        }
        List<ServiceSpec> leftOut = ServiceSpec.ALL.stream()
                .filter(service -> without.contains(service.name()))
                .toList();
        return new StackOptions(repo.toAbsolutePath().normalize(), issuerPort, issuerOnly, leftOut, reset, help);
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

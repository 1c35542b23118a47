package pt.aima.stack;

import java.nio.file.Path;

/**
 * The launcher's command line.
 *
 * @param repo the repository root, where {@code <service>/target/<service>.jar} are ({@code --repo=<dir>}, default
 *     the current directory)
 * @param issuerPort the token issuer's port ({@code --issuer-port=<port>}, default 8090)
 * @param issuerOnly run only the token issuer, on all interfaces ({@code --issuer-only}, for docker-compose)
 * @param help print the usage and exit ({@code --help})
 */
public record StackOptions(Path repo, int issuerPort, boolean issuerOnly, boolean help) {

    public static final int DEFAULT_ISSUER_PORT = 8090;

    public static final String USAGE =
            """
            Usage: java -jar local-stack/target/local-stack.jar [--repo=<dir>] [--issuer-port=<port>] [--issuer-only]

              Starts PostgreSQL, Kafka and a development token issuer, then the four services from their boot jars
              (<repo>/<service>/target/<service>.jar), supervises them and stops everything on Ctrl-C.

              --repo=<dir>          repository root (default: the current directory)
              --issuer-port=<port>  port of the token issuer (default: 8090)
              --issuer-only         run only the token issuer, bound to 0.0.0.0 (for docker-compose)
              --help                this text

              Environment: AIMA_POSTGRES_URL (+ AIMA_POSTGRES_USER, AIMA_POSTGRES_PASSWORD) and AIMA_KAFKA_BOOTSTRAP
              use existing servers instead of the embedded PostgreSQL and Kafka.
            """;

    public static StackOptions parse(String... args) {
        Path repo = Path.of("");
        int issuerPort = DEFAULT_ISSUER_PORT;
        boolean issuerOnly = false;
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
            } else if (arg.equals("--issuer-only")) {
                issuerOnly = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        return new StackOptions(repo.toAbsolutePath().normalize(), issuerPort, issuerOnly, help);
    }
}

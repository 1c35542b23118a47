package pt.aima.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pt.aima.infra.DatabaseSettings;

/** Builds the command line of one service's child process. No process is started here. */
public final class ChildCommand {

    public static final String HEAP = "-Xmx512m";

    private ChildCommand() {}

    /**
     * {@code <java> -Xmx512m -jar <jar> --server.port=.. --spring.datasource.url=.. --spring.datasource.username=..
     * --spring.datasource.password=.. --spring.kafka.bootstrap-servers=..
     * --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=..}
     */
    public static List<String> build(
            Path java,
            Path jar,
            ServiceSpec service,
            DatabaseSettings database,
            String kafkaBootstrapServers,
            String jwkSetUri) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add(HEAP);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + service.port());
        command.add("--spring.datasource.url=" + database.jdbcUrl());
        command.add("--spring.datasource.username=" + database.username());
        command.add("--spring.datasource.password=" + database.password());
        command.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers);
        command.add("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri);
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

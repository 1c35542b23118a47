package pt.aima.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One service of the system as the local stack runs it: its name (the module directory and the boot jar's name),
 * its HTTP port, its database and its main class (for running it from an IDE).
 */
public record ServiceSpec(String name, int port, String mainClass) {

    /** How far apart the ports of a service's instances are: the second application-service listens on 8181. */
    public static final int INSTANCE_PORT_STEP = 100;

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("application-service", 8081, "pt.aima.application.ApplicationServiceApplication"),
            new ServiceSpec("document-service", 8082, "pt.aima.document.DocumentServiceApplication"),
            new ServiceSpec("scheduling-service", 8083, "pt.aima.scheduling.SchedulingServiceApplication"),
            new ServiceSpec("notification-service", 8084, "pt.aima.notification.NotificationServiceApplication"),
            new ServiceSpec("operations-service", 8085, "pt.aima.operations.OperationsServiceApplication"));

    /** The service called {@code name}, if the stack has one. */
    public static Optional<ServiceSpec> named(String name) {
        return ALL.stream().filter(service -> service.name.equals(name)).findFirst();
    }

    /**
     * Instance {@code number} of this service (1 is this one): the same name, jar and database, its port
     * {@value #INSTANCE_PORT_STEP} higher for each instance after the first.
     */
    public ServiceSpec instance(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("instances are numbered from 1: " + number);
        }
        return new ServiceSpec(name, port + INSTANCE_PORT_STEP * (number - 1), mainClass);
    }

    /** How the stack names instance {@code number} (in its table, its messages, its log file): the name, then name#2. */
    public String label(int number) {
        return number == 1 ? name : name + "#" + number;
    }

    /** The database of the service: its name with underscores, e.g. {@code application_service}. */
    public String databaseName() {
        return name.replace('-', '_');
    }

    /** The boot jar, {@code <repo>/<service>/target/<service>.jar}. */
    public Path jar(Path repo) {
        return repo.resolve(name).resolve("target").resolve(name + ".jar");
    }

    /** The log file the child's stdout and stderr are appended to. */
    public Path logFile(Path repo) {
        return logFile(repo, 1);
    }

    /** The log file of instance {@code number}: {@code <service>.log}, then {@code <service>-2.log}. */
    public Path logFile(Path repo, int number) {
        return LocalData.logDirectory(repo).resolve(number == 1 ? name + ".log" : name + "-" + number + ".log");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String healthUrl() {
        return baseUrl() + "/actuator/health";
    }

    public String openApiUrl() {
        return baseUrl() + "/v3/api-docs";
    }

    public String swaggerUiUrl() {
        return baseUrl() + "/swagger-ui.html";
    }
}

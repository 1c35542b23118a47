package pt.aima.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One service of the system as the local stack runs it: its name (the module directory and the boot jar's name),
 * its HTTP port, its database and its main class (for running it from an IDE).
 */
public record ServiceSpec(String name, int port, String mainClass) {

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
        return LocalData.logDirectory(repo).resolve(name + ".log");
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

package pt.aima.operations.web;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every service's projections on one page: operations-service asks each service of the platform for its {@code
 * /operations/projections} (position and lag of every streaming processor, the Kafka relay included) with the caller's
 * own token, so nobody sees more than their token shows them anywhere else. A service that does not answer within
 * {@code aima.operations-service.projections-timeout} is listed as unreachable, never left out.
 *
 * <p>The services are {@code aima.operations-service.services[n].name} and {@code .url} (the local stack's ports by
 * default).
 */
@RestController
class PlatformProjectionsController {

    /** One service of the platform and where its API answers. */
    record ServiceAddress(String name, URI url) {}

    /**
     * @param reachable whether it answered with its projections
     * @param problem why not (the HTTP status, a timeout, a refused connection); null when it answered
     * @param projections its projections as it reports them ({@code /operations/projections}); empty when unreachable
     */
    record ServiceProjections(String service, URI url, boolean reachable, String problem, JsonNode projections) {}

    static final List<ServiceAddress> LOCAL_STACK = List.of(
            new ServiceAddress("application-service", URI.create("http://127.0.0.1:8081")),
            new ServiceAddress("document-service", URI.create("http://127.0.0.1:8082")),
            new ServiceAddress("scheduling-service", URI.create("http://127.0.0.1:8083")),
            new ServiceAddress("notification-service", URI.create("http://127.0.0.1:8084")),
            new ServiceAddress("operations-service", URI.create("http://127.0.0.1:8085")));

    private final Environment environment;
    private final RestClient http;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    PlatformProjectionsController(
            Environment environment, @Value("${aima.operations-service.projections-timeout:3s}") Duration timeout) {
        this.environment = environment;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @GetMapping("/operations/platform/projections")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @Operation(
            summary = "Every service's projections (each service's GET /operations/projections, asked with the"
                    + " caller's token): position, lag in events and seconds, UP or DEGRADED; a service that does not"
                    + " answer is listed as unreachable with the reason")
    List<ServiceProjections> projections(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        // Read per request: the addresses may name this service's own port, known only once it listens.
        List<ServiceAddress> services = Binder.get(environment)
                .bind("aima.operations-service.services", Bindable.listOf(ServiceAddress.class))
                .orElse(LOCAL_STACK);
        List<CompletableFuture<ServiceProjections>> asked = services.stream()
                .map(service -> CompletableFuture.supplyAsync(() -> ask(service, authorization), calls))
                .toList();
        return asked.stream().map(CompletableFuture::join).toList();
    }

    private ServiceProjections ask(ServiceAddress service, String authorization) {
        try {
            JsonNode projections = http.get()
                    .uri(service.url().resolve("/operations/projections"))
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .retrieve()
                    .body(JsonNode.class);
            return new ServiceProjections(service.name(), service.url(), true, null, projections);
        } catch (RuntimeException e) {
            return new ServiceProjections(
                    service.name(), service.url(), false, problem(e), JsonNodeFactory.instance.arrayNode());
        }
    }

    /** The innermost cause, by name and message: "ConnectException", "HttpClientErrorException: 401 ...". */
    private static String problem(RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}

package pt.aima.platform.testing.harness;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The service's REST API as one caller sees it: every request carries the caller's bearer token (none for an anonymous
 * caller) and the test's correlation id; error statuses are answers to assert on, never exceptions.
 */
public final class Caller {

    private final RestClient http;
    private final String baseUrl;
    private final String token;
    private final String correlationId;

    Caller(String baseUrl, String token, String correlationId) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.correlationId = correlationId;
        RestClient.Builder builder = RestClient.builder()
                .baseUrl(baseUrl)
                .defaultHeader("X-Correlation-Id", correlationId)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {});
        if (token != null) {
            builder = builder.defaultHeader("Authorization", "Bearer " + token);
        }
        this.http = builder.build();
    }

    /**
     * The same caller in another flow: for a test that follows two flows, or names one ({@code "corr-happy-path"}) to
     * find it again on Kafka. Events caused this way are not counted by {@code countCausedByThisTest()}.
     */
    public Caller withCorrelationId(String correlationId) {
        return new Caller(baseUrl, token, correlationId);
    }

    /** The same flow with another bearer token as it is (e.g. one the issuer signed with odd claims, or a forged one). */
    public Caller withToken(String token) {
        return new Caller(baseUrl, token, correlationId);
    }

    /** The caller's bearer token (null for an anonymous caller). */
    public String token() {
        return token;
    }

    public Response get(String uri, Object... variables) {
        return exchange(HttpMethod.GET, uri, null, variables);
    }

    /** POSTs {@code body} as JSON (a String is sent as it is, anything else serialized). */
    public Response post(String uri, Object body, Object... variables) {
        return exchange(HttpMethod.POST, uri, body, variables);
    }

    public Response put(String uri, Object body, Object... variables) {
        return exchange(HttpMethod.PUT, uri, body, variables);
    }

    public Response delete(String uri, Object... variables) {
        return exchange(HttpMethod.DELETE, uri, null, variables);
    }

    /** The underlying client, with token and correlation id set, for requests the helpers above do not cover. */
    public RestClient rest() {
        return http;
    }

    private Response exchange(HttpMethod method, String uri, Object body, Object... variables) {
        RestClient.RequestBodySpec request = http.method(method).uri(uri, variables);
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        ResponseEntity<JsonNode> response = request.retrieve().toEntity(JsonNode.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }
}

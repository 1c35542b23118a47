package pt.aima.platform.testing.harness;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * An answer of the service.
 *
 * @param body the JSON body, or null if there was none
 */
public record Response(int status, HttpHeaders headers, JsonNode body) {

    /** The correlation id the service echoed. */
    public String correlationId() {
        return headers.getFirst("X-Correlation-Id");
    }

    public boolean isProblem() {
        MediaType type = headers.getContentType();
        return type != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type) && body != null;
    }

    /** The RFC 9457 problem details of an error answer; fails the test if the answer is none. */
    public Problem problem() {
        if (!isProblem()) {
            throw new AssertionError(
                    "expected application/problem+json, got " + status + " " + headers.getContentType() + ": " + body);
        }
        return new Problem(
                text("type"), text("title"), body.path("status").asInt(status), text("detail"), text("rule"), body);
    }

    private String text(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /**
     * RFC 9457 problem details as the platform's advice writes them.
     *
     * @param rule the code of the business rule that refused a command (409), else null
     * @param json the whole body, for extension members such as {@code errors}
     */
    public record Problem(String type, String title, int status, String detail, String rule, JsonNode json) {}
}

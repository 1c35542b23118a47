package pt.aima.stack;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/** Asks a service's {@code /actuator/health} whether it is UP (or DEGRADED: up, with something for an operator). */
final class HealthCheck {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    boolean isUp(String healthUrl) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(healthUrl))
                            .timeout(Duration.ofSeconds(5))
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && isUpDocument(response.body());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * True if the health document's top-level {@code status} is {@code UP}, or {@code DEGRADED}: the service runs and
     * holds something for an operator (a dead letter, a projection catching up on a backlog), which a restart would not
     * change.
     */
    static boolean isUpDocument(String body) {
        try {
            Map<String, Object> document = JSONObjectUtils.parse(body);
            Object status = document.get("status");
            return "UP".equals(status) || "DEGRADED".equals(status);
        } catch (ParseException e) {
            return false;
        }
    }
}

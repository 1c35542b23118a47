package pt.aima.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The five services' HTTP APIs as a client sees them, on the local stack's ports. */
final class Api {

    static final String APPLICATIONS = "http://127.0.0.1:8081";
    static final String DOCUMENTS = "http://127.0.0.1:8082";
    static final String SCHEDULING = "http://127.0.0.1:8083";
    static final String NOTIFICATIONS = "http://127.0.0.1:8084";
    static final String OPERATIONS = "http://127.0.0.1:8085";
    static final String ISSUER = "http://127.0.0.1:8090";

    private static final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, JsonNode body) {}

    String token(String subject, String role) {
        return send(HttpRequest.newBuilder(URI.create(ISSUER + "/token?sub=" + encode(subject) + "&role=" + role))
                        .GET())
                .raw();
    }

    /** A token from the stack's issuer with any query it takes (several roles, or the bad tokens it can make). */
    String tokenFor(String query) {
        return send(HttpRequest.newBuilder(URI.create(ISSUER + "/token?" + query))
                        .GET())
                .raw();
    }

    /** The status, media type and body of any request. */
    record Answer(int status, String contentType, JsonNode body) {}

    /** Any request; {@code token}, {@code contentType} and {@code body} may be null. */
    Answer call(String method, String url, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    text.isBlank() ? null : parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (RuntimeException e) {
            return null; // not JSON
        }
    }

    Response get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .GET())
                .json();
    }

    Response post(String url, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))))
                .json();
    }

    Response put(String url, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))))
                .json();
    }

    Response upload(String url, String token, String memberId, String documentType, byte[] pdf) {
        String boundary = "e2e-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "memberId", null, null, memberId.getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "documentType", null, null, documentType.getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "file", documentType.toLowerCase() + ".pdf", "application/pdf", pdf);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())))
                .json();
    }

    private static void part(
            ByteArrayOutputStream body, String boundary, String name, String filename, String type, byte[] content) {
        StringBuilder head =
                new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"");
        if (filename != null) {
            head.append("; filename=\"").append(filename).append('"');
        }
        head.append("\r\n");
        if (type != null) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        head.append("\r\n");
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private record Raw(int status, String text) {
        String raw() {
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status + ": " + text);
            }
            return text.trim();
        }

        Response json() {
            return new Response(status, text.isBlank() ? null : Api.json.readTree(text));
        }
    }

    private Raw send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Raw(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package pt.aima.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.infra.SpringTestInfrastructure;

/**
 * Every service gets the platform's API documentation: Swagger UI served from the WebJar (no CDN) and the OpenAPI
 * document with the bearer scheme, both readable without a token, while the API itself still needs one.
 */
@SpringBootTest(
        classes = ApiDocumentationIT.PlatformOnly.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"aima.service.name=api-documentation-it"})
class ApiDocumentationIT {

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_api_documentation_it");
    }

    @Test
    void servesSwaggerUiFromTheWebJarWithoutAToken() throws Exception {
        HttpResponse<String> page = get("/swagger-ui.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("src=\"http", "href=\"http");

        HttpResponse<String> bundle = get("/swagger-ui/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).hasSizeGreaterThan(100_000);

        HttpResponse<String> config = get("/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"/v3/api-docs\"", "\"persistAuthorization\":true");
    }

    @Test
    void describesTheBearerSchemeSoTryItOutSendsTheToken() throws Exception {
        HttpResponse<String> document = get("/v3/api-docs");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body().replace(" ", ""))
                .contains(
                        "\"securitySchemes\":{\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\",\"bearerFormat\":\"JWT\"}}")
                .contains("\"security\":[{\"bearer\":[]}]")
                .contains("/audit/cases/{caseId}/events");
    }

    @Test
    void stillRefusesTheApiWithoutAToken() throws Exception {
        assertThat(get("/audit/cases/" + UUID.randomUUID() + "/events").statusCode())
                .isEqualTo(401);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The platform alone, as every service starts it, without a service's own beans. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PlatformOnly {}
}

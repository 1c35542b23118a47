package pt.aima.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class DevTokenIssuerTest {

    private static DevTokenIssuer issuer;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        issuer = DevTokenIssuer.start(0);
    }

    @AfterAll
    static void stop() {
        issuer.stop();
    }

    @Test
    void tokenFromTheJavaApiVerifiesAgainstTheJwkSetAndCarriesTheRoles() {
        JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();

        Jwt jwt = decoder.decode(issuer.token("caseworker-1", "CASEWORKER", "AUDITOR"));

        assertThat(jwt.getSubject()).isEqualTo("caseworker-1");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CASEWORKER", "AUDITOR");
        assertThat(jwt.getIssuer()).hasToString(DevTokenIssuer.ISSUER);
        assertThat(jwt.getAudience()).containsExactly(DevTokenIssuer.AUDIENCE);
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(8));
        assertThat(jwt.getExpiresAt()).isAfter(Instant.now().plus(Duration.ofHours(7)));
    }

    @Test
    void tokenEndpointAnswersASignedJwtAsPlainText() throws Exception {
        HttpResponse<String> response = get("/token?sub=applicant%2D7&role=APPLICANT&role=OPERATIONS");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        Jwt jwt = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build().decode(response.body());
        assertThat(jwt.getSubject()).isEqualTo("applicant-7");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("APPLICANT", "OPERATIONS");
        assertThat(jwt.getIssuer().toString()).isEqualTo(DevTokenIssuer.ISSUER);
        assertThat(jwt.getAudience()).containsExactly(DevTokenIssuer.AUDIENCE);
    }

    @Test
    void tokenEndpointMakesTheBadTokensTheServicesMustRefuseWhenAskedTo() throws Exception {
        HttpResponse<String> response =
                get("/token?sub=x&role=ROOT&unchecked_roles=true&aud=other&iss=http://elsewhere&expires_in=-120");

        assertThat(response.statusCode()).isEqualTo(200);
        com.nimbusds.jwt.JWTClaimsSet claims =
                com.nimbusds.jwt.SignedJWT.parse(response.body()).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles")).containsExactly("ROOT");
        assertThat(claims.getAudience()).containsExactly("other");
        assertThat(claims.getIssuer()).isEqualTo("http://elsewhere");
        assertThat(claims.getExpirationTime()).isBefore(new java.util.Date());
        assertThat(get("/token?sub=x&role=APPLICANT&expires_in=soon").statusCode())
                .isEqualTo(400);
    }

    @Test
    void jwkSetPublishesOnlyThePublicKey() throws Exception {
        HttpResponse<String> response = get("/jwks");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"kty\":\"RSA\"", "\"alg\":\"RS256\"", "\"use\":\"sig\"", "\"kid\":")
                .doesNotContain("\"d\":", "\"p\":", "\"q\":");
    }

    @Test
    void unknownRoleOrMissingSubjectIsABadRequest() throws Exception {
        HttpResponse<String> unknownRole = get("/token?sub=x&role=ADMIN");
        assertThat(unknownRole.statusCode()).isEqualTo(400);
        assertThat(unknownRole.body()).contains("Unknown role 'ADMIN'");

        assertThat(get("/token?role=CASEWORKER").statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> issuer.token("x", "ROOT")).isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(issuer.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

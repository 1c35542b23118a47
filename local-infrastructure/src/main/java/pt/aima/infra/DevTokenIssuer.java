package pt.aima.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny OAuth2-style token issuer for development and tests. It makes a fresh RSA-2048 key when it starts, publishes
 * the public half as a JWK set, and signs RS256 JWTs for any subject with the platform's roles.
 *
 * <ul>
 *   <li>{@code GET /jwks}: the JWK set (one key: kid, {@code alg} RS256, {@code use} sig).
 *   <li>{@code GET /token?sub=<subject>&role=<ROLE>[&role=...]}: the signed JWT as {@code text/plain}; claims
 *       {@code iss} ({@link #ISSUER}, whatever host the issuer is reached at, so the services can check it), {@code
 *       aud} ({@link #AUDIENCE}), {@code sub}, {@code roles} (array), {@code iat}, {@code exp} (8 hours). Unknown
 *       roles or a missing subject answer 400 with a plain message.
 *   <li>For testing how the services refuse bad tokens, {@code /token} also takes {@code aud=} and {@code iss=} (other
 *       values), {@code expires_in=<seconds>} (negative: already expired) and {@code unchecked_roles=true} (role names
 *       the platform does not know).
 *   <li>{@code GET /.well-known/openid-configuration}: the issuer and its {@code jwks_uri}.
 * </ul>
 */
public final class DevTokenIssuer {

    public static final String LOOPBACK = "127.0.0.1";
    public static final Set<String> ROLES = Set.of("APPLICANT", "CASEWORKER", "OPERATIONS", "AUDITOR");
    public static final Duration LIFETIME = Duration.ofHours(8);
    /** The {@code iss} of every token; the services' {@code issuer-uri} (application.yml) names it. */
    public static final String ISSUER = "http://aima-dev-token-issuer";
    /** The {@code aud} of every token; the services' {@code audiences} (application.yml) name it. */
    public static final String AUDIENCE = "aima-platform";

    private final HttpServer server;
    private final ExecutorService executor;
    private final RSAKey key;
    private final String jwkSetJson;
    private final String baseUrl;
    private final Clock clock;

    private DevTokenIssuer(String bindAddress, int port, Clock clock) throws IOException, JOSEException {
        this.clock = clock;
        this.key = new RSAKeyGenerator(2048)
                .keyID(UUID.randomUUID().toString())
                .algorithm(JWSAlgorithm.RS256)
                .keyUse(KeyUse.SIGNATURE)
                .generate();
        this.jwkSetJson = new JWKSet(key.toPublicJWK()).toString();
        this.server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dev-token-issuer");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        String host = "0.0.0.0".equals(bindAddress) || "::".equals(bindAddress) ? LOOPBACK : bindAddress;
        this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
        server.createContext("/jwks", this::jwks);
        server.createContext("/token", this::tokenEndpoint);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.start();
    }

    /** Starts an issuer on {@code 127.0.0.1:port} ({@code 0} for a random free port). */
    public static DevTokenIssuer start(int port) {
        return start(LOOPBACK, port);
    }

    /** Starts an issuer on {@code bindAddress:port} ({@code 0} for a random free port). */
    public static DevTokenIssuer start(String bindAddress, int port) {
        try {
            return new DevTokenIssuer(bindAddress, port, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("Token issuer could not listen on " + bindAddress + ":" + port, e);
        } catch (JOSEException e) {
            throw new IllegalStateException("Token issuer could not make its key", e);
        }
    }

    /** A signed JWT for {@code subject} with {@code roles} (each one of {@link #ROLES}). */
    public String token(String subject, String... roles) {
        return sign(TokenSpec.of(subject, List.of(roles)));
    }

    /** A signed JWT as {@code spec} describes it, also one the services must refuse (for tests). */
    public String token(TokenSpec spec) {
        return sign(spec);
    }

    /**
     * What a token says.
     *
     * @param lifetime from now to {@code exp}; negative for an expired token
     * @param uncheckedRoles whether role names outside {@link #ROLES} are signed too
     */
    public record TokenSpec(
            String subject,
            List<String> roles,
            String issuer,
            String audience,
            Duration lifetime,
            boolean uncheckedRoles) {

        public static TokenSpec of(String subject, List<String> roles) {
            return new TokenSpec(subject, roles, ISSUER, AUDIENCE, LIFETIME, false);
        }

        public TokenSpec withIssuer(String other) {
            return new TokenSpec(subject, roles, other, audience, lifetime, uncheckedRoles);
        }

        public TokenSpec withAudience(String other) {
            return new TokenSpec(subject, roles, issuer, other, lifetime, uncheckedRoles);
        }

        public TokenSpec withLifetime(Duration other) {
            return new TokenSpec(subject, roles, issuer, audience, other, uncheckedRoles);
        }

        public TokenSpec withUncheckedRoles() {
            return new TokenSpec(subject, roles, issuer, audience, lifetime, true);
        }
    }

    /** Where the JWK set is served, e.g. {@code http://127.0.0.1:8090/jwks}. */
    public String jwkSetUri() {
        return baseUrl + "/jwks";
    }

    /** This issuer's base URL (where it listens; the tokens' {@code iss} is {@link #ISSUER}). */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The JWK set JSON ({@code GET /jwks}). */
    public String jwkSetJson() {
        return jwkSetJson;
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String sign(TokenSpec spec) {
        String subject = spec.subject();
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("A token needs a subject (sub)");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String role : spec.roles()) {
            if (!spec.uncheckedRoles() && !ROLES.contains(role)) {
                throw new IllegalArgumentException(
                        "Unknown role '" + role + "'; allowed: APPLICANT, CASEWORKER, OPERATIONS, AUDITOR");
            }
            distinct.add(role);
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(spec.issuer())
                .audience(spec.audience())
                .subject(subject)
                .claim("roles", new ArrayList<>(distinct))
                .issueTime(Date.from(
                        spec.lifetime().isNegative() ? now.plus(spec.lifetime()).minusSeconds(60) : now))
                .expirationTime(Date.from(now.plus(spec.lifetime())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
        return jwt.serialize();
    }

    private void jwks(HttpExchange exchange) throws IOException {
        if (!get(exchange)) {
            return;
        }
        respond(exchange, 200, "application/jwk-set+json", jwkSetJson);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        if (!get(exchange)) {
            return;
        }
        String base = requestBaseUrl(exchange);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", ISSUER);
        document.put("jwks_uri", base + "/jwks");
        document.put("token_endpoint", base + "/token");
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        respond(exchange, 200, "application/json", JSONObjectUtils.toJSONString(document));
    }

    private void tokenEndpoint(HttpExchange exchange) throws IOException {
        if (!get(exchange)) {
            return;
        }
        Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
        List<String> subjects = query.getOrDefault("sub", List.of());
        if (subjects.size() != 1 || subjects.getFirst().isBlank()) {
            respond(exchange, 400, "text/plain", "Give exactly one subject: /token?sub=<subject>&role=<ROLE>\n");
            return;
        }
        try {
            TokenSpec spec = TokenSpec.of(subjects.getFirst(), query.getOrDefault("role", List.of()));
            String issuer = single(query, "iss");
            String audience = single(query, "aud");
            String expiresIn = single(query, "expires_in");
            if (issuer != null) {
                spec = spec.withIssuer(issuer);
            }
            if (audience != null) {
                spec = spec.withAudience(audience);
            }
            if (expiresIn != null) {
                spec = spec.withLifetime(Duration.ofSeconds(Long.parseLong(expiresIn)));
            }
            if ("true".equals(single(query, "unchecked_roles"))) {
                spec = spec.withUncheckedRoles();
            }
            String token = sign(spec);
            respond(exchange, 200, "text/plain", token);
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, "text/plain", e.getMessage() + "\n");
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.getFirst();
    }

    /** The base URL the client used (its Host header), so tokens fetched inside docker-compose name that host. */
    private String requestBaseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null || host.isBlank() ? baseUrl : "http://" + host;
    }

    private static boolean get(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET");
        respond(exchange, 405, "text/plain", "Only GET\n");
        return false;
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package pt.aima.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix, generated from the running services' OpenAPI documents and tried against the running
 * system: every operation of every service, with a token of every role alone and of a few combinations, on the
 * caller's own case, on another applicant's case, or on no case. Each answer must be a refusal (403, as a problem)
 * exactly when no single role of the token may do it according to the operation's declared policy
 * ({@code x-allowed-roles}); an allowed request may still fail for its own reasons (400, 404, 409), never 401, 403 or
 * 5xx. The same documents generate docs/authorization-matrix.md, which must be committed as generated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(2)
class AuthorizationMatrixIT {

    static final List<String> ROLES = List.of("APPLICANT", "CASEWORKER", "OPERATIONS", "AUDITOR");
    /** Tokens with several roles: each may do only what one of its roles may do on its own. */
    static final List<List<String>> COMBINATIONS = List.of(
            List.of("APPLICANT", "AUDITOR"), List.of("APPLICANT", "CASEWORKER"), List.of("AUDITOR", "OPERATIONS"));

    static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("application-service", Api.APPLICATIONS);
        SERVICES.put("document-service", Api.DOCUMENTS);
        SERVICES.put("scheduling-service", Api.SCHEDULING);
        SERVICES.put("notification-service", Api.NOTIFICATIONS);
        SERVICES.put("operations-service", Api.OPERATIONS);
    }

    static final Path COMMITTED = Path.of("..", "docs", "authorization-matrix.md");
    static final Path GENERATED = Path.of("target", "authorization-matrix.md");

    private static final Duration FLOW = Duration.ofSeconds(90);

    private RunningStack stack;
    private final Api api = new Api();
    private final String owner = "matrix-owner-" + UUID.randomUUID();
    private final String stranger = "matrix-stranger-" + UUID.randomUUID();
    private String caseId;
    private List<Endpoint> endpoints;

    record Endpoint(String service, String method, String path, Set<String> allowed, String requestType) {

        boolean aboutACase() {
            return path.contains("{caseId}");
        }

        /** Whether a token with {@code roles} may call it, on its own case or not, by the declared policy alone. */
        boolean allows(List<String> roles, boolean ownCase) {
            return roles.stream()
                    .anyMatch(
                            role -> allowed.contains(role) && (!"APPLICANT".equals(role) || ownCase || !aboutACase()));
        }
    }

    @BeforeAll
    void startTheSystemWithOneCase() {
        stack = RunningStack.shared();
        String applicant = api.token(owner, "APPLICANT");
        var registered = api.post(
                Api.APPLICATIONS + "/applications",
                applicant,
                Map.of(
                        "sponsor", Map.of("fullName", "Ana Sponsor", "residencePermitNumber", "AR-2024-000999"),
                        "members",
                                List.of(Map.of(
                                        "fullName", "Rui Child",
                                        "relationship", "MINOR_CHILD",
                                        "dateOfBirth", "2016-05-20",
                                        "nationality", "BRA",
                                        "presentInPortugal", true)),
                        "contact", Map.of("email", "matrix@example.org", "preferredLanguage", "en"),
                        "region", "LISBOA"));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        caseId = registered.body().get("caseId").asString();
        // Every service must know whose case it is before "own case" can be tried there.
        for (String url : List.of(
                Api.APPLICATIONS + "/applications/" + caseId,
                Api.DOCUMENTS + "/cases/" + caseId + "/checklist",
                Api.SCHEDULING + "/cases/" + caseId + "/appointment",
                Api.NOTIFICATIONS + "/cases/" + caseId + "/notifications")) {
            await().atMost(FLOW).until(() -> api.get(url, applicant).status(), status -> status == 200);
        }
        endpoints = readEndpoints();
    }

    @Test
    void everyOperationAnswersEveryRoleAsItsDeclaredPolicySays() {
        assertThat(endpoints).hasSizeGreaterThan(20);
        List<List<String>> tokens = new ArrayList<>();
        ROLES.forEach(role -> tokens.add(List.of(role)));
        tokens.addAll(COMBINATIONS);
        Map<String, String> ownerTokens = new LinkedHashMap<>();
        Map<String, String> strangerTokens = new LinkedHashMap<>();
        for (List<String> roles : tokens) {
            ownerTokens.put(String.join("+", roles), token(owner, roles));
            strangerTokens.put(String.join("+", roles), token(stranger, roles));
        }

        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (Endpoint endpoint : endpoints) {
            for (List<String> roles : tokens) {
                String key = String.join("+", roles);
                List<Boolean> scenarios = endpoint.aboutACase() ? List.of(true, false) : List.of(true);
                for (boolean ownCase : scenarios) {
                    String token = ownCase ? ownerTokens.get(key) : strangerTokens.get(key);
                    Api.Answer answer = send(endpoint, token);
                    requests++;
                    boolean expected = endpoint.allows(roles, ownCase);
                    String scenario = !endpoint.aboutACase() ? "no case" : ownCase ? "own case" : "another's case";
                    String what = endpoint.method() + " " + endpoint.service() + endpoint.path() + " as " + key + " on "
                            + scenario + ": " + answer.status();
                    if (expected && (answer.status() == 401 || answer.status() == 403 || answer.status() >= 500)) {
                        wrong.add(what + " but the policy allows it " + answer.body());
                    } else if (!expected && (answer.status() != 403 || !isProblem(answer, 403))) {
                        wrong.add(what + " but the policy forbids it (403 as a problem)");
                    }
                }
            }
        }
        assertThat(requests).isGreaterThan(200);
        assertThat(wrong).as("answers that differ from the declared policy").isEmpty();
    }

    @Test
    void theCommittedMatrixIsTheOneTheRunningServicesDeclare() throws IOException {
        String generated = markdown(endpoints);
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, generated);
        if (Boolean.getBoolean("matrix.write")) {
            Files.writeString(COMMITTED, generated);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        assertThat(committed)
                .as("docs/authorization-matrix.md differs from the running services' policies: copy "
                        + GENERATED.toAbsolutePath() + " there (or run with -Dmatrix.write=true)")
                .isEqualTo(generated);
        // README prints the table between these markers; once it does, it must be the generated one too.
        String readme = Files.readString(README);
        int begin = readme.indexOf(README_BEGIN);
        int end = readme.indexOf(README_END);
        if (begin >= 0 && end > begin) {
            String table = generated.substring(
                    generated.indexOf("| Service |"), generated.indexOf("\n\n", generated.indexOf("| Service |")) + 1);
            assertThat(readme.substring(begin + README_BEGIN.length(), end).strip())
                    .as("README's authorization matrix differs from the generated one (" + GENERATED.toAbsolutePath()
                            + ")")
                    .isEqualTo(table.strip());
        }
    }

    static final Path README = Path.of("..", "README.md");
    static final String README_BEGIN = "<!-- authorization-matrix:begin -->";
    static final String README_END = "<!-- authorization-matrix:end -->";

    @Test
    void badTokensAreRefusedAsProblemsNeverAsErrors() throws Exception {
        String subject = "sub=" + owner + "&role=APPLICANT";
        Map<String, String> unauthenticated = new LinkedHashMap<>();
        unauthenticated.put("another key", signedByAnotherKey(owner));
        unauthenticated.put("alg none", unsigned(api.token(owner, "APPLICANT")));
        unauthenticated.put("expired", api.tokenFor(subject + "&expires_in=-300"));
        unauthenticated.put("another audience", api.tokenFor(subject + "&aud=some-other-api"));
        unauthenticated.put("another issuer", api.tokenFor(subject + "&iss=http://elsewhere.example"));
        unauthenticated.put("not a token", "garbage");
        String unknownRole = api.tokenFor("sub=" + owner + "&role=ROOT&unchecked_roles=true");
        List<String> wrong = new ArrayList<>();
        for (String base : SERVICES.values()) {
            String url = base + ownCaseUrlOf(base);
            unauthenticated.forEach((what, token) -> {
                Api.Answer answer = api.call("GET", url, token, null, null);
                if (!isProblem(answer, 401)) {
                    wrong.add(what + " at " + url + ": " + answer.status() + " " + answer.contentType());
                }
            });
            Api.Answer answer = api.call("GET", url, unknownRole, null, null);
            if (!isProblem(answer, 403)) {
                wrong.add("unknown role at " + url + ": " + answer.status() + " " + answer.contentType());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void metricsAndTheOtherActuatorEndpointsAreForOperationsOnly() {
        for (String base : SERVICES.values()) {
            for (String role : ROLES) {
                int status = api.call("GET", base + "/actuator/metrics", api.token("someone", role), null, null)
                        .status();
                assertThat(status)
                        .as("%s/actuator/metrics as %s", base, role)
                        .isEqualTo("OPERATIONS".equals(role) ? 200 : 403);
            }
            assertThat(api.call("GET", base + "/actuator/metrics", null, null, null)
                            .status())
                    .isEqualTo(401);
            assertThat(api.call("GET", base + "/actuator/health", null, null, null)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aBodyFieldTheApiDoesNotKnowIsRefusedNamingIt() {
        String misspelt =
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-2024-000999"},
                 "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD", "dateOfBirth": "2016-05-20",
                              "nationality": "BRA", "presentInPortugal": true, "nickname": "Ruizinho"}],
                 "contact": {"email": "matrix@example.org", "preferredLanguage": "en"}, "region": "LISBOA"}
                """;
        Api.Answer answer = api.call(
                "POST",
                Api.APPLICATIONS + "/applications",
                api.token(owner, "APPLICANT"),
                "application/json",
                misspelt.getBytes(StandardCharsets.UTF_8));

        assertThat(isProblem(answer, 400)).isTrue();
        assertThat(answer.body().get("errors").get(0).get("field").asString()).isEqualTo("members[0].nickname");
    }

    private String ownCaseUrlOf(String base) {
        return switch (base) {
            case Api.APPLICATIONS -> "/applications/" + caseId;
            case Api.DOCUMENTS -> "/cases/" + caseId + "/checklist";
            case Api.SCHEDULING -> "/cases/" + caseId + "/appointment";
            case Api.OPERATIONS -> "/operations/cases/" + caseId;
            default -> "/cases/" + caseId + "/notifications";
        };
    }

    private List<Endpoint> readEndpoints() {
        List<Endpoint> found = new ArrayList<>();
        SERVICES.forEach((service, base) -> {
            var document = api.call("GET", base + "/v3/api-docs", null, null, null);
            assertThat(document.status()).isEqualTo(200);
            document.body().get("paths").properties().forEach(path -> path.getValue()
                    .properties()
                    .forEach(operation -> {
                        JsonNode allowed = operation.getValue().get("x-allowed-roles");
                        assertThat(allowed)
                                .as("%s %s%s declares its allowed roles", operation.getKey(), service, path.getKey())
                                .isNotNull();
                        JsonNode body = operation.getValue().get("requestBody");
                        String requestType = body == null
                                ? null
                                : body.get("content").propertyNames().iterator().next();
                        Set<String> roles = new java.util.TreeSet<>();
                        allowed.forEach(role -> roles.add(role.asString()));
                        found.add(new Endpoint(
                                service, operation.getKey().toUpperCase(), path.getKey(), roles, requestType));
                    }));
        });
        found.sort(Comparator.comparing(
                        (Endpoint e) -> List.copyOf(SERVICES.keySet()).indexOf(e.service()))
                .thenComparing(Endpoint::path)
                .thenComparing(Endpoint::method));
        return found;
    }

    /** The request with the given token; bodies are empty (an allowed request is refused for them, not for access). */
    private Api.Answer send(Endpoint endpoint, String token) {
        String path = endpoint.path().replace("{caseId}", caseId);
        path = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        String url = SERVICES.get(endpoint.service()) + path;
        if (endpoint.requestType() == null) {
            return api.call(endpoint.method(), url, token, null, null);
        }
        if (endpoint.requestType().startsWith("multipart/")) {
            return api.call(
                    endpoint.method(),
                    url,
                    token,
                    "multipart/form-data; boundary=matrix",
                    ("--matrix\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nmatrix\r\n--matrix--\r\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        if (endpoint.requestType().contains("json")) {
            return api.call(endpoint.method(), url, token, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        }
        return api.call(endpoint.method(), url, token, endpoint.requestType(), new byte[0]);
    }

    private String token(String subject, List<String> roles) {
        return api.tokenFor(
                "sub=" + subject + roles.stream().map(role -> "&role=" + role).collect(Collectors.joining()));
    }

    private static boolean isProblem(Api.Answer answer, int status) {
        return answer.status() == status
                && answer.contentType().startsWith("application/problem+json")
                && answer.body() != null
                && answer.body().path("status").asInt() == status;
    }

    /** The markdown table README links: one row per operation, one column per token. */
    static String markdown(List<Endpoint> endpoints) {
        List<List<String>> columns = new ArrayList<>();
        ROLES.forEach(role -> columns.add(List.of(role)));
        columns.addAll(COMBINATIONS);
        StringBuilder out = new StringBuilder();
        out.append("# Authorization matrix\n\n")
                .append("Generated by `end-to-end-tests/.../AuthorizationMatrixIT` from the running services' OpenAPI")
                .append(" documents (`x-allowed-roles` of each operation), and tried against the running system for")
                .append(" every cell: on the caller's own case, on another applicant's case, or on no case. Do not")
                .append(" edit: run the test with `-Dmatrix.write=true`.\n\n")
                .append("*own case*: only on a case of the caller's own (as APPLICANT); *any case*: on every case;")
                .append(" *yes*: allowed (no case involved); *no*: 403. A token with several roles may do what one")
                .append(" of its roles may do on its own, and acts (and is recorded) in the least privileged such")
                .append(" role.\n\n");
        out.append("| Service | Operation |");
        columns.forEach(
                roles -> out.append(' ').append(String.join(" + ", roles)).append(" |"));
        out.append("\n| --- | --- |");
        columns.forEach(roles -> out.append(" --- |"));
        out.append('\n');
        for (Endpoint endpoint : endpoints) {
            out.append("| ")
                    .append(endpoint.service())
                    .append(" | `")
                    .append(endpoint.method())
                    .append(' ')
                    .append(endpoint.path())
                    .append("` |");
            for (List<String> roles : columns) {
                String cell;
                if (!endpoint.aboutACase()) {
                    cell = endpoint.allows(roles, true) ? "yes" : "no";
                } else if (endpoint.allows(roles, false)) {
                    cell = "any case";
                } else {
                    cell = endpoint.allows(roles, true) ? "own case" : "no";
                }
                out.append(' ').append(cell).append(" |");
            }
            out.append('\n');
        }
        out.append("\nEvery service also: `/actuator/health`, `/actuator/info` and `/v3/api-docs` without a token;")
                .append(" every other `/actuator/**` endpoint (metrics, ...) for OPERATIONS only.\n");
        return out.toString();
    }

    /** A well-formed RS256 token with the right claims, signed by a key the stack does not trust. */
    private static String signedByAnotherKey(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        long now = Instant.now().getEpochSecond();
        String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = encode("{\"iss\":\"http://aima-dev-token-issuer\",\"aud\":\"aima-platform\",\"sub\":\""
                + subject + "\",\"roles\":[\"APPLICANT\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    /** The same claims with {@code alg: none} and no signature. */
    private static String unsigned(String signed) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + signed.split("\\.")[1] + ".";
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

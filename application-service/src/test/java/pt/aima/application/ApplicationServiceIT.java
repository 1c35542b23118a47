package pt.aima.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import pt.aima.infra.DevTokenIssuer;
import pt.aima.infra.DevTokenIssuer.TokenSpec;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.ApplicantContactRegistered;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.ResidencePeriod;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.document.DocumentChecklistOpened;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.scheduling.BiometricAppointmentRescheduled;
import pt.aima.kernel.scheduling.BiometricSlotAssigned;
import pt.aima.kernel.scheduling.BiometricsCollected;
import tools.jackson.databind.JsonNode;

/**
 * application-service against a real PostgreSQL and a real Kafka broker: registration over REST publishes
 * ApplicationRegistered; facts from document- and scheduling-service arrive over Kafka; the decision is refused until
 * they are in, then issued and published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationServiceIT {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "application_service_it");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private RestClient http;
    private String testCorrelation;
    private IntegrationEventsClient kafka;

    @BeforeAll
    void connect() {
        kafka = IntegrationEventsClient.connect();
    }

    /**
     * Each test's requests carry a correlation id of their own, so "nothing stored" can be asked of this test's
     * requests alone: the context is shared with the other tests, whose cases may still be flowing.
     */
    @BeforeEach
    void correlateRequests() {
        testCorrelation = "it-" + UUID.randomUUID();
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("X-Correlation-Id", testCorrelation)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    @Test
    void carriesACaseFromRegistrationToDecision() {
        var registered = register(token("applicant-1", "APPLICANT"), "corr-happy-path");
        assertThat(registered.status()).isEqualTo(201);
        CaseId caseId = CaseId.of(registered.body().get("caseId").asString());

        EventEnvelope<?> published = kafka.awaitPublished(Topics.APPLICATION_EVENTS, caseId, "ApplicationRegistered");
        assertThat(published.actor()).isEqualTo(new Actor("applicant-1", "APPLICANT"));
        assertThat(published.correlationId()).isEqualTo("corr-happy-path");
        var payload = (ApplicationRegistered) published.payload();
        assertThat(payload.applicantId()).isEqualTo("applicant-1");
        assertThat(payload.household()).singleElement().satisfies(member -> assertThat(member.presentInPortugal())
                .isTrue());
        assertThat(new String(codec.encode(published), StandardCharsets.UTF_8))
                .as("personal data stays in application-service")
                .doesNotContain("Ana Sponsor", "ana@example.org", "AR-123456", "Rui Child");
        EventEnvelope<?> contact =
                kafka.awaitPublished(Topics.APPLICANT_CONTACTS, caseId, "ApplicantContactRegistered");
        assertThat((ApplicantContactRegistered) contact.payload())
                .as("the contact travels alone, on the restricted topic")
                .isEqualTo(new ApplicantContactRegistered(caseId, "applicant-1", "ana@example.org", null, "pt"));
        assertThat(new String(codec.encode(contact), StandardCharsets.UTF_8))
                .doesNotContain("Ana Sponsor", "AR-123456");

        awaitStage(caseId, "applicant-1", "REGISTERED");

        String caseworker = token("caseworker-1", "CASEWORKER");
        var early = decide(caseworker, caseId, "GRANTED");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().get("rule").asString()).isEqualTo("DECISION_PREREQUISITES_MISSING");

        kafka.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistOpened(caseId, List.of()), "corr-happy-path");
        kafka.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId), "corr-happy-path");
        kafka.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricSlotAssigned(caseId, "LISBOA-1", LocalDateTime.of(2026, 12, 1, 9, 0), 15),
                "corr-happy-path");
        kafka.publish(Topics.SCHEDULING_EVENTS, new BiometricsCollected(caseId, "LISBOA-1"), "corr-happy-path");
        JsonNode status = awaitStage(caseId, "applicant-1", "BIOMETRICS_COLLECTED");
        assertThat(status.get("biometricAppointment").get("deskId").asString()).isEqualTo("LISBOA-1");

        var decided = decide(caseworker, caseId, "GRANTED");
        assertThat(decided.status()).isEqualTo(202);
        EventEnvelope<?> decision = kafka.awaitPublished(Topics.APPLICATION_EVENTS, caseId, "DecisionIssued");
        assertThat(((DecisionIssued) decision.payload()).outcome()).isEqualTo(DecisionIssued.Outcome.GRANTED);
        assertThat(decision.actor()).isEqualTo(new Actor("caseworker-1", "CASEWORKER"));
        awaitStage(caseId, "applicant-1", "DECIDED");

        assertThat(decide(caseworker, caseId, "GRANTED").status()).isEqualTo(409);
    }

    @Test
    void aRedeliveredRecordIsAppliedOnce() {
        CaseId caseId = CaseId.of(register(token("applicant-2", "APPLICANT"), "corr-redelivery")
                .body()
                .get("caseId")
                .asString());
        var slot = EventEnvelope.wrap(
                UUID.randomUUID(),
                Instant.now(),
                Actor.system("scheduling-service"),
                "corr-redelivery",
                "cause",
                new BiometricSlotAssigned(caseId, "PORTO-2", LocalDateTime.of(2026, 12, 2, 10, 0), 15));
        kafka.send(Topics.SCHEDULING_EVENTS, slot);
        kafka.send(Topics.SCHEDULING_EVENTS, slot);
        awaitStage(caseId, "applicant-2", "BIOMETRICS_SCHEDULED");
        // A later, different event proves both copies were consumed before we count.
        kafka.publish(Topics.SCHEDULING_EVENTS, new BiometricsCollected(caseId, "PORTO-2"), "corr-redelivery");
        awaitStage(caseId, "applicant-2", "BIOMETRICS_COLLECTED");

        JsonNode history = http.get()
                .uri("/audit/cases/{id}/events", caseId)
                .header("Authorization", "Bearer " + token("auditor-1", "AUDITOR"))
                .retrieve()
                .body(JsonNode.class);
        List<String> types = new ArrayList<>();
        history.forEach(entry -> types.add(entry.get("type").asString()));
        assertThat(types)
                .containsExactly("ApplicationSubmitted", "BiometricSlotRecorded", "BiometricsCollectionRecorded");
        assertThat(history.get(1).get("causationId").asString())
                .isEqualTo(slot.eventId().toString());
        assertThat(history.get(1).get("correlationId").asString()).isEqualTo("corr-redelivery");
    }

    @Test
    void showsTheAppointmentAsRescheduled() {
        CaseId caseId = CaseId.of(register(token("applicant-7", "APPLICANT"), "corr-moved")
                .body()
                .get("caseId")
                .asString());
        LocalDateTime first = LocalDateTime.of(2026, 12, 3, 9, 0);
        LocalDateTime moved = LocalDateTime.of(2026, 12, 10, 11, 30);
        kafka.publish(Topics.SCHEDULING_EVENTS, new BiometricSlotAssigned(caseId, "LISBOA-1", first, 15), "corr-moved");
        awaitStage(caseId, "applicant-7", "BIOMETRICS_SCHEDULED");

        kafka.publish(
                Topics.SCHEDULING_EVENTS,
                new BiometricAppointmentRescheduled(
                        caseId, "PORTO-1", "LISBOA-1", first, moved, 15, "DESK_CLOSED", "Desk closed for works."),
                "corr-moved");

        String applicant = token("applicant-7", "APPLICANT");
        JsonNode appointment = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> http.get()
                                .uri("/applications/{id}", caseId)
                                .header("Authorization", "Bearer " + applicant)
                                .retrieve()
                                .body(JsonNode.class)
                                .get("biometricAppointment"),
                        shown -> "PORTO-1".equals(shown.get("deskId").asString()));
        assertThat(LocalDateTime.parse(appointment.get("startsAt").asString())).isEqualTo(moved);
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheConsumerMovesOn() {
        CaseId caseId = CaseId.of(register(token("applicant-3", "APPLICANT"), "corr-poison")
                .body()
                .get("caseId")
                .asString());
        kafka.sendRaw(new ProducerRecord<>(
                Topics.DOCUMENT_EVENTS, caseId.toString(), "{not an envelope".getBytes(StandardCharsets.UTF_8)));
        kafka.publish(Topics.DOCUMENT_EVENTS, new DocumentChecklistCompleted(caseId), "corr-poison");

        awaitStage(caseId, "applicant-3", "DOCUMENTS_COMPLETE");
        ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(
                Topics.deadLetterTopic(Topics.DOCUMENT_EVENTS, "application-service"),
                record -> caseId.toString().equals(record.key()));
        assertThat(IntegrationEventsClient.header(dead, "aima-dlt-reason"))
                .startsWith("MalformedEventException: not JSON");
    }

    @Test
    void refusesBadInputAndChangesNothing() {
        long eventsBefore = storedEvents();
        String applicant = token("applicant-4", "APPLICANT");

        var invalid = http.post()
                .uri("/applications")
                .header("Authorization", "Bearer " + applicant)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"sponsor": {"fullName": ""},
                         "members": [{"fullName": "X", "relationship": "MINOR_CHILD", "dateOfBirth": "2999-01-01",
                                      "nationality": "Brazil", "presentInPortugal": true}],
                         "contact": {"email": "not-an-email", "preferredLanguage": "fr"}}
                        """)
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> fields = new ArrayList<>();
        invalid.getBody()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields)
                .contains(
                        "sponsor.fullName",
                        "sponsor.residencePermitNumber",
                        "members[0].dateOfBirth",
                        "members[0].nationality",
                        "contact.email",
                        "contact.preferredLanguage");

        var unreadable = http.post()
                .uri("/applications")
                .header("Authorization", "Bearer " + applicant)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"members\": [{\"relationship\": \"COUSIN\"}]}")
                .retrieve()
                .toBodilessEntity();
        assertThat(unreadable.getStatusCode().value()).isEqualTo(400);

        var unknown = http.get()
                .uri("/applications/{id}", UUID.randomUUID())
                .header("Authorization", "Bearer " + applicant)
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);

        var unauthenticated = http.get()
                .uri("/applications/{id}", UUID.randomUUID())
                .retrieve()
                .toBodilessEntity();
        assertThat(unauthenticated.getStatusCode().value()).isEqualTo(401);

        var auditorWrites = register(token("auditor-1", "AUDITOR"), "corr-auditor");
        assertThat(auditorWrites.status()).isEqualTo(403);

        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void publishesTheHouseholdFactsTheDocumentRulesNeed() {
        var response = registerWith(
                token("applicant-6", "APPLICANT"),
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD", "dateOfBirth": "2015-03-01",
                              "nationality": "BRA", "presentInPortugal": true, "presentInPortugalSince": "2023-05-01",
                              "residenceHistory": [{"country": "BRA", "from": "2015-03-01", "to": "2023-04-30"},
                                                   {"country": "PRT", "from": "2023-05-01"}],
                              "otherParentResidesInPortugal": false}],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"},
                 "addressTitle": "TENANT"}
                """);
        assertThat(response.status()).isEqualTo(201);
        CaseId caseId = CaseId.of(response.body().get("caseId").asString());

        var payload =
                (ApplicationRegistered) kafka.awaitPublished(Topics.APPLICATION_EVENTS, caseId, "ApplicationRegistered")
                        .payload();
        assertThat(payload.addressTitle()).isEqualTo(AddressTitle.TENANT);
        assertThat(payload.household()).singleElement().satisfies(member -> {
            assertThat(member.nationality()).isEqualTo("BRA");
            assertThat(member.presentInPortugalSince()).isEqualTo(LocalDate.of(2023, 5, 1));
            assertThat(member.residenceHistory())
                    .containsExactly(
                            new ResidencePeriod("BRA", LocalDate.of(2015, 3, 1), LocalDate.of(2023, 4, 30)),
                            new ResidencePeriod("PRT", LocalDate.of(2023, 5, 1), null));
            assertThat(member.otherParentResidesInPortugal()).isFalse();
        });
    }

    @Test
    void refusesAnIneligibleRegistrationWithTheRuleAndStoresNothing() {
        long eventsBefore = storedEvents();
        String applicant = token("applicant-7", "APPLICANT");
        String valid =
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [%s],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}}
                """;

        var cousin = registerWith(
                applicant,
                valid.formatted(
                        """
                {"fullName": "C", "relationship": "COUSIN", "dateOfBirth": "1990-01-01", "nationality": "BRA",
                 "presentInPortugal": false}"""));
        assertThat(cousin.status()).isEqualTo(422);
        assertThat(cousin.body().get("rule").asString()).isEqualTo("RELATIONSHIP_NOT_ELIGIBLE");
        assertThat(cousin.body().get("member").asInt()).isZero();
        assertThat(cousin.body().get("detail").asString()).contains("COUSIN is not eligible");

        var adultAsMinor = registerWith(
                applicant,
                valid.formatted(
                        """
                {"fullName": "S", "relationship": "SPOUSE", "dateOfBirth": "1990-01-01", "nationality": "BRA",
                 "presentInPortugal": false},
                {"fullName": "A", "relationship": "MINOR_CHILD", "dateOfBirth": "2000-01-01", "nationality": "BRA",
                 "presentInPortugal": false}"""));
        assertThat(adultAsMinor.status()).isEqualTo(422);
        assertThat(adultAsMinor.body().get("rule").asString()).isEqualTo("NOT_A_MINOR");
        assertThat(adultAsMinor.body().get("member").asInt()).isEqualTo(1);

        var minorAbroad = registerWith(
                applicant,
                valid.formatted(
                        """
                {"fullName": "R", "relationship": "MINOR_CHILD", "dateOfBirth": "2016-05-20", "nationality": "BRA",
                 "presentInPortugal": true, "residenceHistory": [{"country": "BRA", "from": "2016-05-20"}]}"""));
        assertThat(minorAbroad.status()).isEqualTo(422);
        assertThat(minorAbroad.body().get("rule").asString()).isEqualTo("MINOR_NOT_PRESENT_ON_SUBMISSION");

        var inconsistent = registerWith(
                applicant,
                valid.formatted(
                        """
                {"fullName": "R", "relationship": "MINOR_CHILD", "dateOfBirth": "2016-05-20", "nationality": "BRA",
                 "presentInPortugal": false, "presentInPortugalSince": "2020-01-01",
                 "residenceHistory": [{"country": "brazil", "from": "2016-05-20", "to": "2010-01-01"}]}"""));
        assertThat(inconsistent.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        inconsistent
                .body()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields)
                .contains(
                        "members[0].presentInPortugalSinceConsistent",
                        "members[0].residenceHistory[0].country",
                        "members[0].residenceHistory[0].ordered");

        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void anApplicantSeesOnlyTheirOwnCase() {
        CaseId caseId = CaseId.of(register(token("applicant-5", "APPLICANT"), "corr-own")
                .body()
                .get("caseId")
                .asString());
        awaitStage(caseId, "applicant-5", "REGISTERED");

        var someoneElse = http.get()
                .uri("/applications/{id}", caseId)
                .header("Authorization", "Bearer " + token("applicant-6", "APPLICANT"))
                .retrieve()
                .toBodilessEntity();
        assertThat(someoneElse.getStatusCode().value()).isEqualTo(403);

        var caseworker = http.get()
                .uri("/applications/{id}", caseId)
                .header("Authorization", "Bearer " + token("caseworker-2", "CASEWORKER"))
                .retrieve()
                .toBodilessEntity();
        assertThat(caseworker.getStatusCode().value()).isEqualTo(200);

        var applicantDecides = decide(token("applicant-5", "APPLICANT"), caseId, "GRANTED");
        assertThat(applicantDecides.status()).isEqualTo(403);
    }

    @Test
    void aTokenWithSeveralRolesCanDoOnlyWhatOneOfThemMayDoAlone() {
        CaseId othersCase = CaseId.of(register(token("applicant-9", "APPLICANT"), "corr-multi")
                .body()
                .get("caseId")
                .asString());
        awaitStage(othersCase, "applicant-9", "REGISTERED");
        String applicantAndAuditor =
                LocalInfrastructure.shared().tokens().token("applicant-10", "APPLICANT", "AUDITOR");

        var reads = http.get()
                .uri("/applications/{id}", othersCase)
                .header("Authorization", "Bearer " + applicantAndAuditor)
                .retrieve()
                .toBodilessEntity();
        assertThat(reads.getStatusCode().value())
                .as("an auditor reads every case")
                .isEqualTo(200);
        var decides = decide(applicantAndAuditor, othersCase, "GRANTED");
        assertThat(decides.status()).as("neither role alone may decide").isEqualTo(403);

        var registers = register(applicantAndAuditor, "corr-multi-register");
        assertThat(registers.status()).as("an applicant registers").isEqualTo(201);
        EventEnvelope<?> published = kafka.awaitPublished(
                Topics.APPLICATION_EVENTS,
                CaseId.of(registers.body().get("caseId").asString()),
                "ApplicationRegistered");
        assertThat(published.actor())
                .as("the actor is the role that allowed the request")
                .isEqualTo(new Actor("applicant-10", "APPLICANT"));
        assertThat(((ApplicationRegistered) published.payload()).applicantId()).isEqualTo("applicant-10");
    }

    @Test
    void refusesTokensOfAnotherKeyUnsignedExpiredForAnotherAudienceOrIssuerAsProblems() {
        DevTokenIssuer issuer = LocalInfrastructure.shared().tokens();
        DevTokenIssuer impostor = DevTokenIssuer.start(0);
        try {
            TokenSpec valid = TokenSpec.of("applicant-11", List.of("APPLICANT"));
            Map<String, String> refused = new java.util.LinkedHashMap<>();
            refused.put("another key", impostor.token(valid));
            refused.put("alg none", unsigned(issuer.token(valid)));
            refused.put("expired", issuer.token(valid.withLifetime(Duration.ofMinutes(-5))));
            refused.put("another audience", issuer.token(valid.withAudience("some-other-api")));
            refused.put("another issuer", issuer.token(valid.withIssuer("http://elsewhere.example")));
            refused.put("not a JWT", "garbage");
            refused.forEach((what, token) -> assertProblem(what, token, 401));

            assertProblem(
                    "an unknown role only",
                    issuer.token(TokenSpec.of("x", List.of("ROOT")).withUncheckedRoles()),
                    403);
        } finally {
            impostor.stop();
        }
    }

    @Test
    void aFieldTheApiDoesNotKnowIsRefusedNamingItAndNothingIsStored() {
        long eventsBefore = storedEvents();
        var unknown = registerWith(
                token("applicant-12", "APPLICANT"),
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD", "nickname": "Ruizinho",
                              "dateOfBirth": "2015-03-01", "nationality": "BRA", "presentInPortugal": true}],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}}
                """);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("errors").path(0).path("field").asString())
                .as(String.valueOf(unknown.body()))
                .isEqualTo("members[0].nickname");

        var misspelt = registerWith(
                token("applicant-12", "APPLICANT"),
                """
                {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                 "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD",
                              "dateOfBirth": "2015-03-01", "nationality": "BRA", "presentInPortgual": true}],
                 "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}}
                """);
        assertThat(misspelt.status())
                .as("a misspelt presentInPortugal no longer registers the member as absent")
                .isEqualTo(400);
        assertThat(misspelt.body().path("errors").path(0).path("field").asString())
                .as(String.valueOf(misspelt.body()))
                .startsWith("members[0].presentInPort");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void metricsAreForOperationsOnly() {
        assertThat(actuator("/actuator/metrics", token("caseworker-3", "CASEWORKER")))
                .isEqualTo(403);
        assertThat(actuator("/actuator/metrics", token("auditor-3", "AUDITOR"))).isEqualTo(403);
        assertThat(actuator("/actuator/metrics", null)).isEqualTo(401);
        assertThat(actuator("/actuator/metrics", token("ops-3", "OPERATIONS"))).isEqualTo(200);
        assertThat(actuator("/actuator/health", null)).isEqualTo(200);
    }

    private int actuator(String path, String token) {
        var request = http.get().uri(path);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.retrieve().toBodilessEntity().getStatusCode().value();
    }

    private void assertProblem(String what, String token, int status) {
        var response = http.get()
                .uri("/applications/{id}", UUID.randomUUID())
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(response.getStatusCode().value()).as(what).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).as(what).isEqualTo(status);
    }

    /** The same claims with {@code alg: none} and no signature. */
    private static String unsigned(String signed) {
        String header = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + signed.split("\\.")[1] + ".";
    }

    private record Response(int status, JsonNode body) {}

    private Response register(String token, String correlationId) {
        var response = http.post()
                .uri("/applications")
                .header("Authorization", "Bearer " + token)
                .header("X-Correlation-Id", correlationId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"sponsor": {"fullName": "Ana Sponsor", "residencePermitNumber": "AR-123456"},
                         "members": [{"fullName": "Rui Child", "relationship": "MINOR_CHILD",
                                      "dateOfBirth": "2015-03-01", "nationality": "BRA", "presentInPortugal": true}],
                         "contact": {"email": "ana@example.org", "preferredLanguage": "pt"}}
                        """)
                .retrieve()
                .toEntity(JsonNode.class);
        return new Response(response.getStatusCode().value(), response.getBody());
    }

    private Response registerWith(String token, String body) {
        var response = http.post()
                .uri("/applications")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
        return new Response(response.getStatusCode().value(), response.getBody());
    }

    private Response decide(String token, CaseId caseId, String outcome) {
        var response = http.post()
                .uri("/applications/{id}/decision", caseId)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("outcome", outcome, "grounds", List.of(), "reasoning", "All conditions are met."))
                .retrieve()
                .toEntity(JsonNode.class);
        return new Response(response.getStatusCode().value(), response.getBody());
    }

    private JsonNode awaitStage(CaseId caseId, String applicant, String stage) {
        String token = token(applicant, "APPLICANT");
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> http.get()
                                .uri("/applications/{id}", caseId)
                                .header("Authorization", "Bearer " + token)
                                .retrieve()
                                .body(JsonNode.class),
                        body -> body != null
                                && body.has("stage")
                                && stage.equals(body.get("stage").asString()));
    }

    /** The events stored by this test's requests (their correlation id is in each event's metadata). */
    private long storedEvents() {
        return jdbc.sql(
                        "select count(*) from domain_event_entry where position(:correlation in convert_from(meta_data, 'UTF8')) > 0")
                .param("correlation", "\"" + testCorrelation + "\"")
                .query(Long.class)
                .single();
    }

    private static String token(String subject, String role) {
        return LocalInfrastructure.shared().tokens().token(subject, role);
    }
}

package pt.aima.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import pt.aima.document.process.evidencedeadlines.EvidenceDeadlinePoller;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.AddressTitle;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.document.EvidenceReceived;
import pt.aima.kernel.document.EvidenceRequestExpired;
import pt.aima.kernel.document.EvidenceRequestReminderDue;
import pt.aima.kernel.document.EvidenceRequested;
import pt.aima.kernel.document.EvidenceResponseOverdue;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import tools.jackson.databind.JsonNode;

/**
 * Evidence-request deadlines against a real PostgreSQL and Kafka, across a restart of the service: the request is made
 * in one Spring context, which is closed; a new context on the same database reminds, expires and flags AIMA's late
 * response when the poller is driven to the days they fall due (the scheduled poller is off; the test plays the
 * calendar). The evidence-request read model, reset, is rebuilt as it was built live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceDeadlinesIT {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    private final Map<String, Object> properties = new HashMap<>();
    private ConfigurableApplicationContext service;
    private RestClient http;
    private IntegrationEventsClient kafka;

    @BeforeAll
    void infrastructure() {
        SpringTestInfrastructure.registerSpringProperties(
                (name, value) -> properties.put(name, value.get()), "document_service_deadlines_it");
        properties.put("server.port", "0");
        properties.put("aima.documents.evidence.poller-enabled", "false");
        kafka = IntegrationEventsClient.connect();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        kafka.close();
    }

    @Test
    void anEvidenceDeadlineRemindsAndExpiresAcrossARestartAndAimasLateResponseShows() {
        start();
        LocalDate today = LocalDate.now(LISBON);
        MemberId spouse = MemberId.newId();
        CaseId caseId = CaseId.newId();
        kafka.publish(
                Topics.APPLICATION_EVENTS,
                new ApplicationRegistered(
                        caseId,
                        "applicant-ev",
                        today,
                        List.of(new HouseholdMember(spouse, Relationship.SPOUSE, LocalDate.of(1990, 1, 1), false)),
                        "pt",
                        AddressTitle.OWNER),
                "corr-evidence");
        String applicant = token("applicant-ev", "APPLICANT");
        String caseworker = token("caseworker-ev", "CASEWORKER");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/cases/" + caseId + "/checklist", applicant)
                                .getStatusCode()
                                .value()
                        == 200);

        // Bad requests: a clear 4xx and nothing stored.
        long eventsBefore = storedEvents();
        assertThat(requestEvidence(caseworker, caseId, spouse, "SELFIE", today.plusDays(10))
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(requestEvidence(caseworker, caseId, spouse, "PROOF_OF_UNION", today.plusDays(10))
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(requestEvidence(caseworker, caseId, spouse, "PASSPORT", today)
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(requestEvidence(caseworker, caseId, MemberId.newId(), "PASSPORT", today.plusDays(10))
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(requestEvidence(caseworker, CaseId.newId(), spouse, "PASSPORT", today.plusDays(10))
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(requestEvidence(applicant, caseId, spouse, "PASSPORT", today.plusDays(10))
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(eventsBefore);

        // Two requests: one will go unanswered, the other is answered.
        LocalDate respondBy = today.plusDays(20);
        var unanswered = requestEvidence(caseworker, caseId, spouse, "LAND_REGISTRY_CERTIFICATE", respondBy);
        assertThat(unanswered.getStatusCode().value()).isEqualTo(201);
        String unansweredId = unanswered.getBody().get("requestId").asString();
        var answered = requestEvidence(caseworker, caseId, spouse, "TERM_OF_RESPONSIBILITY", respondBy);
        String answeredId = answered.getBody().get("requestId").asString();
        var requested = (EvidenceRequested) kafka.awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceRequested")
                .payload();
        assertThat(requested.memberId()).isEqualTo(spouse);
        assertThat(requested.respondBy()).isEqualTo(respondBy);
        assertThat(requested.reason()).isEqualTo("Needed for the case.");

        var upload = upload(applicant, caseId, spouse, "TERM_OF_RESPONSIBILITY");
        assertThat(upload.getStatusCode().value()).isEqualTo(201);
        var received = (EvidenceReceived) kafka.awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceReceived")
                .payload();
        assertThat(received.requestId()).isEqualTo(answeredId);
        assertThat(received.receivedOn()).isEqualTo(today);
        assertThat(received.aimaRespondBy()).isEqualTo(today.plusDays(15));
        awaitRequests(caseId, applicant, body -> status(body, answeredId).equals("ANSWERED"));

        // The service restarts.
        service.close();
        start();
        EvidenceDeadlinePoller poller = service.getBean(EvidenceDeadlinePoller.class);

        assertThat(poller.pollOn(respondBy.minusDays(8))).isZero();
        assertThat(poller.pollOn(respondBy.minusDays(7))).isEqualTo(1);
        var reminder = (EvidenceRequestReminderDue)
                kafka.awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceRequestReminderDue")
                        .payload();
        assertThat(reminder.requestId()).isEqualTo(unansweredId);
        awaitRequests(caseId, applicant, body -> item(body, unansweredId)
                .get("reminded")
                .asBoolean());

        // AIMA's own date passes without verification: shown as late, and published once.
        JsonNode late = awaitRequests(caseId, applicant, body -> true);
        assertThat(item(late, answeredId).get("aimaLate").asBoolean()).isFalse();
        poller.pollOn(today.plusDays(16));
        var overdue = (EvidenceResponseOverdue)
                kafka.awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceResponseOverdue")
                        .payload();
        assertThat(overdue.requestId()).isEqualTo(answeredId);
        awaitRequests(caseId, applicant, body -> item(body, answeredId)
                .get("aimaLate")
                .asBoolean());

        // The deadline passes unanswered: expired once, however often the poller runs.
        poller.pollOn(respondBy.plusDays(1));
        var expired =
                (EvidenceRequestExpired) kafka.awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceRequestExpired")
                        .payload();
        assertThat(expired.requestId()).isEqualTo(unansweredId);
        assertThat(expired.documentTypes()).containsExactly("LAND_REGISTRY_CERTIFICATE");
        JsonNode after = awaitRequests(
                caseId, applicant, body -> status(body, unansweredId).equals("EXPIRED"));
        assertThat(status(after, answeredId)).isEqualTo("ANSWERED");
        assertThat(poller.pollOn(respondBy.plusDays(2))).isZero();
        assertThat(eventsOfType(caseId, "EvidenceRequestLapsed")).isEqualTo(1);
        assertThat(eventsOfType(caseId, "EvidenceReviewOverdue")).isEqualTo(1);
        assertThat(eventsOfType(caseId, "EvidenceReminderFellDue")).isEqualTo(1);

        // Another applicant sees nothing of it.
        assertThat(get("/cases/" + caseId + "/evidence-requests", token("applicant-other", "APPLICANT"))
                        .getStatusCode()
                        .value())
                .isEqualTo(403);

        // The read model, reset, is rebuilt from the history as it was built live.
        JsonNode live = awaitRequests(caseId, applicant, body -> true);
        StreamingEventProcessor processor = service.getBean(EventProcessingConfiguration.class)
                .eventProcessor("evidence-requests", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(get("/cases/" + caseId + "/evidence-requests", applicant).getBody())
                .as("the reset cleared the read model")
                .isEmpty();
        processor.start();
        awaitRequests(caseId, applicant, live::equals);
    }

    private void start() {
        // As command-line arguments: they take precedence over application.yml.
        service = new SpringApplicationBuilder(DocumentServiceApplication.class)
                .run(properties.entrySet().stream()
                        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
        http = RestClient.builder()
                .baseUrl("http://localhost:" + service.getEnvironment().getProperty("local.server.port"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    private ResponseEntity<JsonNode> requestEvidence(
            String token, CaseId caseId, MemberId member, String type, LocalDate respondBy) {
        return http.post()
                .uri("/cases/{caseId}/evidence-requests", caseId)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "memberId",
                        member.toString(),
                        "documentTypes",
                        List.of(type),
                        "reason",
                        "Needed for the case.",
                        "respondBy",
                        respondBy.toString()))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> upload(String token, CaseId caseId, MemberId member, String type) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource("%PDF-1.7\n% evidence\n%%EOF\n".getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public String getFilename() {
                        return "evidence.pdf";
                    }
                })
                .contentType(MediaType.APPLICATION_PDF);
        parts.part("memberId", member.toString());
        parts.part("documentType", type);
        return http.post()
                .uri("/cases/{caseId}/documents", caseId)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts.build())
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        return http.get()
                .uri(path)
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private JsonNode awaitRequests(CaseId caseId, String token, Predicate<JsonNode> wanted) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            var response = get("/cases/" + caseId + "/evidence-requests", token);
                            return response.getStatusCode().value() == 200 ? response.getBody() : null;
                        },
                        body -> body != null && body.size() == 2 && wanted.test(body));
    }

    private static JsonNode item(JsonNode requests, String requestId) {
        for (JsonNode request : requests) {
            if (request.get("requestId").asString().equals(requestId)) {
                return request;
            }
        }
        throw new AssertionError("no request " + requestId);
    }

    private static String status(JsonNode requests, String requestId) {
        return item(requests, requestId).get("status").asString();
    }

    private long storedEvents() {
        return service.getBean(JdbcClient.class)
                .sql("select count(*) from domain_event_entry")
                .query(Long.class)
                .single();
    }

    private long eventsOfType(CaseId caseId, String simpleName) {
        return service.getBean(JdbcClient.class)
                .sql(
                        "select count(*) from domain_event_entry where aggregate_identifier = :id and payload_type like :type")
                .param("id", caseId.toString())
                .param("type", "%." + simpleName)
                .query(Long.class)
                .single();
    }

    private static String token(String subject, String role) {
        return LocalInfrastructure.shared().tokens().token(subject, role);
    }
}

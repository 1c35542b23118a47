package pt.aima.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pt.aima.document.Uploads.pdf;
import static pt.aima.document.Uploads.upload;

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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import pt.aima.document.process.evidencedeadlines.EvidenceDeadlinePoller;
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
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * Evidence-request deadlines against a real PostgreSQL and Kafka, across a restart of the service: the request is made
 * in one Spring context, which is closed; a new context on the same database reminds, expires and flags AIMA's late
 * response when the poller is driven to the days they fall due (the scheduled poller is off; the test plays the
 * calendar). The evidence-request read model, reset, is rebuilt as it was built live. The test starts the service
 * itself (to restart it); the harness follows whichever context is running.
 */
class EvidenceDeadlinesIT {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final Map<String, Object> properties = new HashMap<>();
    private static volatile ConfigurableApplicationContext running;

    @RegisterExtension
    static final ServiceHarness service = ServiceHarness.of(() -> running);

    @BeforeAll
    static void infrastructure() {
        SpringTestInfrastructure.registerSpringProperties(
                (name, value) -> properties.put(name, value.get()), "document_service_deadlines_it");
        properties.put("server.port", "0");
        properties.put("aima.documents.evidence.poller-enabled", "false");
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    @Test
    void anEvidenceDeadlineRemindsAndExpiresAcrossARestartAndAimasLateResponseShows() {
        start();
        LocalDate today = LocalDate.now(LISBON);
        MemberId spouse = MemberId.newId();
        CaseId caseId = CaseId.newId();
        var registration = service.publish(
                Topics.APPLICATION_EVENTS,
                new ApplicationRegistered(
                        caseId,
                        "applicant-ev",
                        today,
                        List.of(new HouseholdMember(spouse, Relationship.SPOUSE, LocalDate.of(1990, 1, 1), false)),
                        "pt",
                        AddressTitle.OWNER));
        Caller applicant = service.as("applicant-ev", "APPLICANT");
        Caller caseworker = service.as("caseworker-ev", "CASEWORKER");
        service.inbox().awaitProcessed(registration);
        await().atMost(ServiceHarness.PATIENCE)
                .until(() -> applicant.get("/cases/{caseId}/checklist", caseId).status() == 200);

        // Bad requests: a clear 4xx and nothing stored.
        long eventsBefore = service.eventStore().countCausedByThisTest();
        assertThat(eventsBefore).as("the checklist opened in this test's flow").isEqualTo(1);
        assertThat(requestEvidence(caseworker, caseId, spouse, "SELFIE", today.plusDays(10))
                        .status())
                .isEqualTo(400);
        assertThat(requestEvidence(caseworker, caseId, spouse, "PROOF_OF_UNION", today.plusDays(10))
                        .status())
                .isEqualTo(400);
        assertThat(requestEvidence(caseworker, caseId, spouse, "PASSPORT", today)
                        .status())
                .isEqualTo(400);
        assertThat(requestEvidence(caseworker, caseId, MemberId.newId(), "PASSPORT", today.plusDays(10))
                        .status())
                .isEqualTo(400);
        assertThat(requestEvidence(caseworker, CaseId.newId(), spouse, "PASSPORT", today.plusDays(10))
                        .status())
                .isEqualTo(404);
        assertThat(requestEvidence(applicant, caseId, spouse, "PASSPORT", today.plusDays(10))
                        .status())
                .isEqualTo(403);
        assertThat(service.eventStore().countCausedByThisTest()).isEqualTo(eventsBefore);

        // Two requests: one will go unanswered, the other is answered.
        LocalDate respondBy = today.plusDays(20);
        Response unanswered = requestEvidence(caseworker, caseId, spouse, "LAND_REGISTRY_CERTIFICATE", respondBy);
        assertThat(unanswered.status()).isEqualTo(201);
        String unansweredId = unanswered.body().get("requestId").asString();
        Response answered = requestEvidence(caseworker, caseId, spouse, "TERM_OF_RESPONSIBILITY", respondBy);
        assertThat(answered.status()).isEqualTo(201);
        String answeredId = answered.body().get("requestId").asString();
        var requested = (EvidenceRequested) service.kafka()
                .awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceRequested")
                .payload();
        assertThat(requested.memberId()).isEqualTo(spouse);
        assertThat(requested.respondBy()).isEqualTo(respondBy);
        assertThat(requested.reason()).isEqualTo("Needed for the case.");

        Response upload = upload(
                applicant, caseId, spouse.toString(), "TERM_OF_RESPONSIBILITY", pdf("evidence"), "application/pdf");
        assertThat(upload.status()).isEqualTo(201);
        var received = (EvidenceReceived) service.kafka()
                .awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceReceived")
                .payload();
        assertThat(received.requestId()).isEqualTo(answeredId);
        assertThat(received.receivedOn()).isEqualTo(today);
        assertThat(received.aimaRespondBy()).isEqualTo(today.plusDays(15));
        awaitRequests(caseId, applicant, body -> status(body, answeredId).equals("ANSWERED"));

        // The service restarts.
        running.close();
        start();
        EvidenceDeadlinePoller poller = running.getBean(EvidenceDeadlinePoller.class);
        // A caller is bound to the port of the service it was made for: the restarted one listens on another.
        Caller applicantNow = service.as("applicant-ev", "APPLICANT");

        assertThat(poller.pollOn(respondBy.minusDays(8))).isZero();
        assertThat(poller.pollOn(respondBy.minusDays(7))).isEqualTo(1);
        var reminder = (EvidenceRequestReminderDue) service.kafka()
                .awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceRequestReminderDue")
                .payload();
        assertThat(reminder.requestId()).isEqualTo(unansweredId);
        awaitRequests(caseId, applicantNow, body -> item(body, unansweredId)
                .get("reminded")
                .asBoolean());

        // AIMA's own date passes without verification: shown as late, and published once.
        JsonNode late = awaitRequests(caseId, applicantNow, body -> true);
        assertThat(item(late, answeredId).get("aimaLate").asBoolean()).isFalse();
        assertThat(poller.pollOn(today.plusDays(16)))
                .as("only the answered request")
                .isEqualTo(1);
        var overdue = (EvidenceResponseOverdue) service.kafka()
                .awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceResponseOverdue")
                .payload();
        assertThat(overdue.requestId()).isEqualTo(answeredId);
        awaitRequests(caseId, applicantNow, body -> item(body, answeredId)
                .get("aimaLate")
                .asBoolean());

        // The deadline passes unanswered: expired once, however often the poller runs.
        assertThat(poller.pollOn(respondBy.plusDays(1)))
                .as("only the unanswered request")
                .isEqualTo(1);
        var expired = (EvidenceRequestExpired) service.kafka()
                .awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "EvidenceRequestExpired")
                .payload();
        assertThat(expired.requestId()).isEqualTo(unansweredId);
        assertThat(expired.documentTypes()).containsExactly("LAND_REGISTRY_CERTIFICATE");
        JsonNode after = awaitRequests(
                caseId, applicantNow, body -> status(body, unansweredId).equals("EXPIRED"));
        assertThat(status(after, answeredId)).isEqualTo("ANSWERED");
        assertThat(poller.pollOn(respondBy.plusDays(2))).isZero();
        List<String> history = service.eventStore().types(caseId);
        assertThat(history).filteredOn("EvidenceRequestLapsed"::equals).hasSize(1);
        assertThat(history).filteredOn("EvidenceReviewOverdue"::equals).hasSize(1);
        assertThat(history).filteredOn("EvidenceReminderFellDue"::equals).hasSize(1);

        // Another applicant sees nothing of it.
        assertThat(service.as("applicant-other", "APPLICANT")
                        .get("/cases/{caseId}/evidence-requests", caseId)
                        .status())
                .isEqualTo(403);

        // The read model, reset, is rebuilt from the history as it was built live.
        JsonNode live = awaitRequests(caseId, applicantNow, body -> true);
        StreamingEventProcessor processor = running.getBean(EventProcessingConfiguration.class)
                .eventProcessor("evidence-requests", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(applicantNow.get("/cases/{caseId}/evidence-requests", caseId).body())
                .as("the reset cleared the read model")
                .isEmpty();
        processor.start();
        awaitRequests(caseId, applicantNow, live::equals);
    }

    private static void start() {
        // As command-line arguments: they take precedence over application.yml.
        running = new SpringApplicationBuilder(DocumentServiceApplication.class)
                .run(properties.entrySet().stream()
                        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
    }

    private static Response requestEvidence(
            Caller caller, CaseId caseId, MemberId member, String type, LocalDate respondBy) {
        return caller.post(
                "/cases/{caseId}/evidence-requests",
                Map.of(
                        "memberId",
                        member.toString(),
                        "documentTypes",
                        List.of(type),
                        "reason",
                        "Needed for the case.",
                        "respondBy",
                        respondBy.toString()),
                caseId);
    }

    private static JsonNode awaitRequests(CaseId caseId, Caller caller, Predicate<JsonNode> wanted) {
        return await().atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> {
                            Response response = caller.get("/cases/{caseId}/evidence-requests", caseId);
                            return response.status() == 200 ? response.body() : null;
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
}

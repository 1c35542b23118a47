package pt.aima.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.ids.CaseId;
import pt.aima.operations.ScriptedHistory.Published;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case timeline against a real Kafka broker and a real PostgreSQL: a case's events from the four services arrive
 * shuffled on their topics, and the auditor reads them back as one list in causal order, as JSON, JSON Lines and a
 * printable page, as of an instant between two deliveries; other roles are refused, an unknown case is not found.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseTimelineIT {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final JsonMapper json = JsonMapper.builder().build();

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "operations_timeline_it");
    }

    private static Caller auditor() {
        return service.as("auditor-timeline", "AUDITOR");
    }

    private static CausalHistory script() {
        Instant start =
                LocalDate.now(LISBON).minusDays(10).atTime(9, 0).atZone(LISBON).toInstant();
        return new CausalHistory(CaseId.newId(), start, service.correlationId());
    }

    private static void deliver(List<Published> arrivals) {
        for (Published published : arrivals) {
            service.kafka().send(published.topic(), published.envelope());
        }
        for (Published published : arrivals) {
            service.inbox().awaitProcessed(published.envelope());
        }
    }

    private static List<Published> shuffled(List<Published> events, long seed) {
        List<Published> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled;
    }

    private static List<String> labelled(CausalHistory script, JsonNode entries) {
        List<String> labels = new ArrayList<>();
        for (JsonNode entry : entries) {
            labels.add(script.labelOf(
                            java.util.UUID.fromString(entry.get("eventId").asString())) + ":"
                    + entry.get("depth").asInt());
        }
        return labels;
    }

    private static ResponseEntity<String> raw(String uri, String accept) {
        var request = auditor().rest().get().uri(uri);
        if (accept != null) {
            request = request.header("Accept", accept);
        }
        return request.retrieve().toEntity(String.class);
    }

    @Test
    void theAuditorReadsACasesEventsFromEveryServiceInCausalOrderWhateverOrderTheyArrivedIn() {
        CausalHistory script = script();
        deliver(shuffled(script.events(), 11));

        Response answer = auditor().get("/audit/cases/{caseId}/timeline", script.caseId());

        assertThat(answer.status()).isEqualTo(200);
        JsonNode entries = answer.body().get("entries");
        assertThat(labelled(script, entries)).isEqualTo(CausalHistory.causalOrder());
        assertThat(answer.body().get("caseId").asString())
                .isEqualTo(script.caseId().toString());
        assertThat(answer.body().get("asOf").isNull()).isTrue();
        Set<String> services = new java.util.TreeSet<>();
        entries.forEach(entry -> services.add(entry.get("service").asString()));
        assertThat(services)
                .containsExactly(
                        "application-service", "document-service", "notification-service", "scheduling-service");

        JsonNode slot = entries.get(7);
        assertThat(slot.get("type").asString()).isEqualTo("BiometricSlotAssigned");
        assertThat(slot.get("version").asInt()).isEqualTo(1);
        assertThat(slot.get("parentId").asString())
                .isEqualTo(script.eventId("completed").toString());
        assertThat(slot.get("service").asString()).isEqualTo("scheduling-service");
        assertThat(slot.get("actor").get("role").asString()).isEqualTo("SYSTEM");
        assertThat(slot.get("summary").asString())
                .isEqualTo("Biometrics appointment booked at desk COIMBRA-1 for 2026-04-01T09:30, 15 min, 1 member(s)");
        assertThat(Instant.parse(slot.get("occurredAt").asString()))
                .isEqualTo(script.event("slot").envelope().occurredAt());
        assertThat(slot.get("receivedAt").asString()).isNotBlank();
        JsonNode registered = entries.get(0);
        assertThat(registered.get("parentId").isNull()).isTrue();
        assertThat(registered.get("causationId").asString()).isEqualTo("request:register");
        assertThat(registered.get("actor").get("subject").asString()).isEqualTo("applicant-" + script.caseId());
        assertThat(registered.get("actor").get("role").asString()).isEqualTo("APPLICANT");
        assertThat(registered.get("summary").asString())
                .isEqualTo("Application registered through the portal: submitted on 2026-03-02, 1 family member(s)"
                        + " (MINOR_CHILD), region COIMBRA")
                .doesNotContain("2016-07-14");
    }

    @Test
    void theTimelineIsExportedAsJsonLinesOneEntryALine() {
        CausalHistory script = script();
        deliver(shuffled(script.events(), 12));
        String uri = "/audit/cases/" + script.caseId() + "/timeline";

        for (ResponseEntity<String> answer : List.of(raw(uri + "?format=jsonl", null), raw(uri, "application/jsonl"))) {
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/jsonl");
            String[] lines = answer.getBody().split("\n");
            assertThat(lines).hasSize(CausalHistory.causalOrder().size());
            List<String> order = new ArrayList<>();
            for (String line : lines) {
                JsonNode entry = json.readTree(line);
                order.add(script.labelOf(
                                java.util.UUID.fromString(entry.get("eventId").asString())) + ":"
                        + entry.get("depth").asInt());
                assertThat(entry.get("summary").asString()).isNotBlank();
            }
            assertThat(order).isEqualTo(CausalHistory.causalOrder());
        }
    }

    @Test
    void theTimelineIsAPrintableSelfContainedPage() {
        CausalHistory script = script();
        deliver(shuffled(script.events(), 13));
        String uri = "/audit/cases/" + script.caseId() + "/timeline";

        for (ResponseEntity<String> answer : List.of(raw(uri + "?format=html", null), raw(uri, "text/html"))) {
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getHeaders().getContentType().toString()).startsWith("text/html");
            assertThat(answer.getHeaders().getFirst("Content-Security-Policy")).startsWith("default-src 'none'");
            String page = answer.getBody();
            assertThat(page)
                    .startsWith("<!DOCTYPE html>")
                    .contains(script.caseId().toString())
                    .contains("@media print")
                    .contains("Decision issued: GRANTED")
                    .contains("Notification DECISION by EMAIL failed, reason code NO_CONTACT_DATA")
                    .doesNotContain("<script", "http://", "https://", "<link", "<img", "2016-07-14");
            // In causal order: the late notice of the checklist comes before the receipt, under its cause.
            assertThat(page.indexOf("Document checklist opened"))
                    .isLessThan(page.indexOf("Notification DOCUMENTS_REQUIRED"));
            assertThat(page.indexOf("Notification DOCUMENTS_REQUIRED"))
                    .isLessThan(page.indexOf("Notification RECEIPT"));
            assertThat(page.split("<tr class=", -1))
                    .hasSize(CausalHistory.causalOrder().size() + 1);
        }
        assertThat(raw(uri, "text/html,application/xhtml+xml,*/*;q=0.8").getBody())
                .startsWith("<!DOCTYPE html>");
        assertThat(raw(uri, "application/json").getBody()).startsWith("{");
    }

    @Test
    void asOfAnInstantGivesWhatWasReceivedByThen() {
        CausalHistory script = script();
        List<String> later = List.of(
                "slot", "checklist-notice", "collected", "decision", "decision-notice", "decision-email-failed");
        List<Published> first = new ArrayList<>();
        List<Published> second = new ArrayList<>();
        for (Published published : script.events()) {
            (later.contains(script.labelOf(published.envelope().eventId())) ? second : first).add(published);
        }
        deliver(shuffled(first, 14));
        Instant between = Instant.now();
        deliver(shuffled(second, 15));

        Response then = auditor().get("/audit/cases/{caseId}/timeline?asOf={asOf}", script.caseId(), between);
        Response now = auditor().get("/audit/cases/{caseId}/timeline", script.caseId());

        assertThat(then.status()).isEqualTo(200);
        assertThat(Instant.parse(then.body().get("asOf").asString())).isEqualTo(between);
        assertThat(labelled(script, then.body().get("entries")))
                .as("the appointment notice arrived before its slot: a root until then")
                .containsExactly(
                        "registered:0",
                        "checklist:1",
                        "receipt:1",
                        "upload:0",
                        "accepted:0",
                        "completed:0",
                        "appointment-notice:0");
        assertThat(labelled(script, now.body().get("entries"))).isEqualTo(CausalHistory.causalOrder());
        assertThat(raw("/audit/cases/" + script.caseId() + "/timeline?format=jsonl&asOf=" + between, null)
                        .getBody()
                        .split("\n"))
                .hasSize(7);
    }

    @Test
    void badInstantsAndFormatsAreRefusedByNameAndAnUnknownCaseIsNotFound() {
        CausalHistory script = script();
        deliver(List.of(script.event("registered")));
        String uri = "/audit/cases/" + script.caseId() + "/timeline";

        Response future = auditor().get(uri + "?asOf={asOf}", Instant.now().plusSeconds(3600));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.problem().json().get("errors").get(0).get("field").asString())
                .isEqualTo("asOf");
        Response garbage = auditor().get(uri + "?asOf=yesterday");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.problem().json().get("errors").get(0).get("field").asString())
                .isEqualTo("asOf");
        Response format = auditor().get(uri + "?format=pdf");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.problem().json().get("errors").get(0).get("field").asString())
                .isEqualTo("format");

        Response unknown = auditor().get("/audit/cases/{caseId}/timeline", CaseId.newId());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problem().type()).isEqualTo("https://aima.gov.pt/problems/case-not-found");
        Response beforeAnything = auditor().get(uri + "?asOf=2000-01-01T00:00:00Z");
        assertThat(beforeAnything.status()).as("not known yet at that instant").isEqualTo(404);
        assertThat(beforeAnything.isProblem()).isTrue();
    }

    @Test
    void onlyAuditorsReadTheTimeline() {
        CausalHistory script = script();
        deliver(List.of(script.event("registered")));
        String uri = "/audit/cases/" + script.caseId() + "/timeline";

        for (String role : List.of("CASEWORKER", "OPERATIONS", "APPLICANT")) {
            Response refused = service.as("applicant-" + script.caseId(), role).get(uri);
            assertThat(refused.status()).as(role).isEqualTo(403);
            assertThat(refused.isProblem()).as(role).isTrue();
        }
        assertThat(service.as("auditor-and-applicant", "APPLICANT", "AUDITOR")
                        .get(uri)
                        .status())
                .isEqualTo(200);
        assertThat(service.anonymous().get(uri).status()).isEqualTo(401);
    }
}

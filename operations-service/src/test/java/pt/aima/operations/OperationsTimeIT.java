package pt.aima.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionDeadlineExtended;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.LegacyProvenance;
import pt.aima.kernel.application.MemberStayUpdated;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.operations.ScriptedHistory.Published;
import pt.aima.operations.projection.ReadModels;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * Legal deadlines, stay expiry, processing times and the forecast against a real Kafka broker and a real PostgreSQL.
 * One scripted history of fifteen cases, published on the four topics as the other services would (some events before
 * their registration, one extension twice), is delivered once into this test's own database; the service's clock
 * stands at Wednesday 9 December 2026, 12:00 in Lisbon (8 December is a public holiday in the configured calendar),
 * and every figure below was worked out by hand from the script.
 *
 * <p>The cases (registration day → decision day):
 *
 * <ul>
 *   <li>undecided, for the deadlines: A (registered 22 Oct 2025, old rule: 3 months → 22 Jan 2026, breached); B (the
 *       same day, extended: 3 + 3 → 22 Apr 2026, breached); C (15 Mar 2026: 9 months → 15 Dec 2026, 6 days left); D
 *       (9 Mar 2026 → 9 Dec 2026, today: 0 days left, not breached); E (imported on 16 Nov 2026, submitted 8 Mar 2026
 *       → 8 Dec 2026, breached by a day); F (23 Oct 2025, the day the new rule took effect: 9 → 23 Jul 2026, extended
 *       9 + 9 → 23 Apr 2027; the extension arrives before the registration, and a second one changes nothing);
 *   <li>undecided, for the stays: S1 (registered 2 Dec 2026: spouse's stay ends 29 Dec, the child's 22 Feb 2027,
 *       updated to 23 Jan 2027), S2 (registered today: spouse's 19 Mar 2027, the child's none, updated to 9 Mar 2027);
 *   <li>decided, for the processing times: P10, P20, P30, P40 (PORTO, portal: 10, 20, 30 and 40 days from
 *       registration to a decision on 7 Dec, 4 Dec, 3 Dec and 23 Nov), F60, F80 (FARO, imported: 60 and 80 days, decided
 *       today at 09:00 and on 20 Nov), OLD (BRAGA: 5 days, decided 31 Aug, outside a 90-day window); the checklist
 *       completes after a tenth of each case's time, the biometrics are collected at half of it.
 * </ul>
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // its own consumer group: another operations-service context of the test run (cached by Spring) must not
            // share the topics' partitions with this one
            "spring.kafka.consumer.group-id=operations-service-time-it",
            "aima.operations-service.gauge-refresh=300ms"
        })
class OperationsTimeIT {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 9);
    private static final List<String> TOPICS = List.of(
            Topics.APPLICATION_EVENTS, Topics.DOCUMENT_EVENTS, Topics.SCHEDULING_EVENTS, Topics.NOTIFICATION_EVENTS);

    /** The service's clock: from Wednesday 9 December 2026, 12:00 in Lisbon, running on. */
    @TestConfiguration(proxyBeanMethods = false)
    static class NinthOfDecember {

        @Bean
        Clock clock() {
            Instant noon = TODAY.atTime(12, 0).atZone(LISBON).toInstant();
            return Clock.offset(Clock.system(LISBON), Duration.between(Instant.now(), noon));
        }
    }

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "operations_time_it");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadModels readModels;

    private static Cases cases;

    /** The script's case ids, by name. */
    record Cases(Map<String, CaseId> ids, MemberId s1Spouse, MemberId s1Child, MemberId s2Child) {

        CaseId get(String name) {
            return ids.get(name);
        }
    }

    /**
     * Delivers the script once, into an emptied archive: the records other tests of the run published are consumed
     * first (this group reads the topics from their start) and dropped with the rows they made, so every count below
     * is the script's alone.
     */
    @BeforeEach
    void deliverTheScriptOnce() {
        if (cases != null) {
            return;
        }
        // every topic exists and this group is past everything already on it
        for (String topic : TOPICS) {
            service.kafka().send(topic, envelope("primer", Instant.now(), notRegistered()));
        }
        service.kafka().awaitCaughtUp(service.consumerGroup(), TOPICS.toArray(String[]::new));
        List<String> tables = new ArrayList<>(readModels.tables());
        tables.add("event_archive");
        jdbc.sql("truncate " + String.join(", ", tables)).update();

        Script script = new Script();
        cases = script.write();
        for (Published published : script.events) {
            service.kafka().send(published.topic(), published.envelope());
        }
        for (Published published : script.events) {
            service.inbox().awaitProcessed(published.envelope());
        }
    }

    private static IntegrationEvent notRegistered() {
        return new DocumentChecklistCompleted(CaseId.newId());
    }

    private static Caller operations() {
        return service.as("operator-1", "OPERATIONS");
    }

    @Test
    void theDeadlinesWorkListHasEveryUndecidedCaseByNearestDeadlineWithTheRuleOfItsRegistrationDate() {
        JsonNode all = operations().get("/operations/deadlines?size=50").body();

        assertThat(all.get("asOf").asString()).isEqualTo("2026-12-09");
        assertThat(all.get("breached").asLong()).as("A, B and E").isEqualTo(3);
        assertThat(all.get("totalElements").asLong()).isEqualTo(8);
        assertThat(names(all.get("content"))).containsExactly("A", "B", "E", "D", "C", "F", "S1", "S2");

        JsonNode a = item(all, "A");
        assertThat(a.get("rule").get("months").asInt()).isEqualTo(3);
        assertThat(a.get("rule").get("effectiveFrom").asString()).isEqualTo("2000-01-01");
        assertThat(a.get("deadline").asString()).isEqualTo("2026-01-22");
        assertThat(a.get("daysLeft").asLong()).isEqualTo(-321);
        assertThat(a.get("breached").asBoolean()).isTrue();
        assertThat(a.get("extended").asBoolean()).isFalse();

        JsonNode b = item(all, "B");
        assertThat(b.get("extended").asBoolean()).isTrue();
        assertThat(b.get("originalDeadline").asString()).isEqualTo("2026-01-22");
        assertThat(b.get("deadline").asString()).as("3 + 3 months").isEqualTo("2026-04-22");
        assertThat(b.get("breached").asBoolean()).isTrue();

        JsonNode f = item(all, "F");
        assertThat(f.get("rule").get("months").asInt())
                .as("the new rule, from its first day")
                .isEqualTo(9);
        assertThat(f.get("originalDeadline").asString()).isEqualTo("2026-07-23");
        assertThat(f.get("deadline").asString()).as("9 + 9 months, once").isEqualTo("2027-04-23");
        assertThat(f.get("extendedAt").asString()).isEqualTo("2026-06-01T10:00:00Z");
        assertThat(f.get("breached").asBoolean())
                .as("extended: no longer breached")
                .isFalse();
        assertThat(f.get("daysLeft").asLong()).isEqualTo(135);

        JsonNode d = item(all, "D");
        assertThat(d.get("daysLeft").asLong()).isZero();
        assertThat(d.get("breached").asBoolean()).as("today is its last day").isFalse();
        JsonNode e = item(all, "E");
        assertThat(e.get("origin").asString()).isEqualTo("SEF_IMPORT");
        assertThat(e.get("submittedOn").asString())
                .as("counted from the original submission, not the import")
                .isEqualTo("2026-03-08");
        assertThat(e.get("deadline").asString()).isEqualTo("2026-12-08");
        assertThat(e.get("daysLeft").asLong()).isEqualTo(-1);
        assertThat(e.get("legacyNumber").asString()).startsWith("SEF-TIME-");
    }

    @Test
    void breachingWithinDaysKeepsTheCasesDueByThenBreachedOnesIncludedAndPages() {
        assertThat(names(deadlines("breachingWithinDays=0"))).containsExactly("A", "B", "E", "D");
        assertThat(names(deadlines("breachingWithinDays=5"))).containsExactly("A", "B", "E", "D");
        assertThat(names(deadlines("breachingWithinDays=6"))).containsExactly("A", "B", "E", "D", "C");

        JsonNode page = operations()
                .get("/operations/deadlines?breachingWithinDays=6&page=1&size=2")
                .body();
        assertThat(names(page.get("content"))).containsExactly("E", "D");
        assertThat(page.get("totalElements").asLong()).isEqualTo(5);
        assertThat(page.get("totalPages").asInt()).isEqualTo(3);
        assertThat(page.get("breachingWithinDays").asInt()).isEqualTo(6);

        assertThat(field(operations().get("/operations/deadlines?breachingWithinDays=-1")))
                .isEqualTo("breachingWithinDays");
        assertThat(field(operations().get("/operations/deadlines?breachingWithinDays=soon")))
                .isEqualTo("breachingWithinDays");
        assertThat(field(operations().get("/operations/deadlines?size=0"))).isEqualTo("size");
    }

    @Test
    void aDecidedCaseKeepsItsDeadlineAndWhenItWasDecided() {
        JsonNode p20 =
                operations().get("/operations/deadlines/{id}", cases.get("P20")).body();

        assertThat(p20.get("deadline").asString()).isEqualTo("2027-08-14");
        assertThat(p20.get("decidedOn").asString()).isEqualTo("2026-12-04");
        assertThat(p20.get("decidedLate").asBoolean()).isFalse();
        assertThat(p20.get("breached").asBoolean()).isFalse();
        assertThat(p20.path("daysLeft").isNull() || p20.path("daysLeft").isMissingNode())
                .isTrue();
        assertThat(operations()
                        .get("/operations/deadlines/{id}", UUID.randomUUID())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theStayExpiringQueueListsUndecidedMembersWhoseStayEndsWithinTheWindowEarliestFirst() {
        assertThat(stays(30)).containsExactly("S1:" + cases.s1Spouse() + ":2026-12-29:20");
        assertThat(stays(60))
                .containsExactly(
                        "S1:" + cases.s1Spouse() + ":2026-12-29:20", "S1:" + cases.s1Child() + ":2027-01-23:45");
        // 90 when not given; the update replaced the registration's 22 Feb; S2's spouse (19 Mar) is beyond 90 days;
        // P10, decided, is in no queue although its member's stay ends on 20 Dec
        List<String> ninety = stays(null);
        assertThat(ninety)
                .containsExactly(
                        "S1:" + cases.s1Spouse() + ":2026-12-29:20",
                        "S1:" + cases.s1Child() + ":2027-01-23:45",
                        "S2:" + cases.s2Child() + ":2027-03-09:90");
        assertThat(field(operations().get("/operations/queues/stay-expiring?withinDays=45")))
                .isEqualTo("withinDays");
    }

    @Test
    void processingTimesAreNearestRankPercentilesOfTheEventsTimesByStageRegionAndOrigin() {
        JsonNode times = operations().get("/operations/processing-times").body();

        assertThat(times.get("windowDays").asInt()).isEqualTo(90);
        assertThat(times.get("percentileMethod").asString()).startsWith("nearest rank");
        assertThat(times.get("cases").asInt())
                .as("OLD was decided before the window")
                .isEqualTo(6);
        JsonNode overall = times.get("overall").get("stages");
        // 10, 20, 30, 40, 60, 80 days: ranks 3, 5 and 6 of 6
        assertThat(figure(overall.get("registrationToDecision"))).isEqualTo("6: 30.00 60.00 80.00");
        assertThat(figure(overall.get("registrationToChecklistComplete"))).isEqualTo("6: 3.00 6.00 8.00");
        assertThat(figure(overall.get("checklistCompleteToBiometrics"))).isEqualTo("6: 12.00 24.00 32.00");
        assertThat(figure(overall.get("biometricsToDecision"))).isEqualTo("6: 15.00 30.00 40.00");
        assertThat(figure(stage(times, "byRegion", "PORTO"))).isEqualTo("4: 20.00 40.00 40.00");
        assertThat(figure(stage(times, "byRegion", "FARO"))).isEqualTo("2: 60.00 80.00 80.00");
        assertThat(figure(stage(times, "byOrigin", "PORTAL"))).isEqualTo("4: 20.00 40.00 40.00");
        assertThat(figure(stage(times, "byOrigin", "SEF_IMPORT"))).isEqualTo("2: 60.00 80.00 80.00");
        assertThat(times.get("byRegion").has("BRAGA")).isFalse();

        JsonNode wider =
                operations().get("/operations/processing-times?windowDays=120").body();
        assertThat(wider.get("cases").asInt()).isEqualTo(7);
        // 5, 10, 20, 30, 40, 60, 80: ranks 4, 6 and 7 of 7
        assertThat(figure(wider.get("overall").get("stages").get("registrationToDecision")))
                .isEqualTo("7: 30.00 60.00 80.00");
        assertThat(figure(stage(wider, "byRegion", "BRAGA"))).isEqualTo("1: 5.00 5.00 5.00");

        assertThat(field(operations().get("/operations/processing-times?windowDays=0")))
                .isEqualTo("windowDays");
        assertThat(field(operations().get("/operations/processing-times?windowDays=ninety")))
                .isEqualTo("windowDays");
    }

    @Test
    void theForecastMeasuresOutputPerWorkingDayBurnsDownAndDatesTheBacklogsEnd() {
        JsonNode body = operations().get("/operations/forecast").body();
        JsonNode f = body.get("forecast");

        assertThat(body.get("windowDays").asInt()).isEqualTo(30);
        assertThat(body.get("recentWorkingDays").asInt()).isEqualTo(10);
        assertThat(f.get("asOf").asString()).isEqualTo("2026-12-09");
        assertThat(f.get("open").asLong()).as("A to F, S1 and S2").isEqualTo(8);
        assertThat(f.get("targets").get("decisionsPerWorkingDay").asInt()).isEqualTo(1000);
        assertThat(f.get("targets").get("backlogZeroBy").asString()).isEqualTo("2027-06-30");

        // the last 10 working days before today: 23 Nov to 8 Dec (1 and 8 Dec are holidays); P40, P30, P20, P10
        JsonNode recent = f.get("recent");
        assertThat(recent.get("from").asString()).isEqualTo("2026-11-23");
        assertThat(recent.get("to").asString()).isEqualTo("2026-12-08");
        assertThat(recent.get("workingDays").asInt()).isEqualTo(10);
        assertThat(recent.get("decided").asLong()).isEqualTo(4);
        assertThat(recent.get("decidedPerWorkingDay").decimalValue()).isEqualByComparingTo("0.4");
        // 8 ÷ 0.4 = 20 working days from the 10th, over Christmas and New Year: 8 January 2027
        JsonNode pace = f.get("atRecentPace");
        assertThat(pace.get("workingDaysNeeded").asLong()).isEqualTo(20);
        assertThat(pace.get("backlogZeroOn").asString()).isEqualTo("2027-01-08");
        assertThat(f.get("atTargetPace").get("backlogZeroOn").asString()).isEqualTo("2026-12-10");
        assertThat(f.get("targetDate").get("workingDaysLeft").asInt()).isEqualTo(140);
        assertThat(f.get("targetDate").get("decisionsPerWorkingDayNeeded").asLong())
                .isEqualTo(1);
        assertThat(f.get("targetDate").get("onTrack").asBoolean()).isTrue();
        // the window, 9 Nov to 8 Dec: F80, P40, P30, P20, P10 over 20 working days
        assertThat(f.get("window").get("decided").asLong()).isEqualTo(5);
        assertThat(f.get("window").get("workingDays").asInt()).isEqualTo(20);

        JsonNode days = f.get("days");
        assertThat(days.size()).isEqualTo(31);
        assertThat(day(days, "2026-11-09")).isEqualTo("open 9, registered 0, decided 0, working");
        assertThat(day(days, "2026-11-16")).isEqualTo("open 11, registered 1, decided 0, working");
        assertThat(day(days, "2026-11-20")).isEqualTo("open 10, registered 0, decided 1, working");
        assertThat(day(days, "2026-12-06")).isEqualTo("open 9, registered 0, decided 0, not working");
        assertThat(day(days, "2026-12-08")).isEqualTo("open 8, registered 0, decided 0, not working");
        assertThat(day(days, "2026-12-09")).isEqualTo("open 8, registered 1, decided 1, working");
        assertThat(days.get(30).get("complete").asBoolean()).isFalse();

        assertThat(field(operations().get("/operations/forecast?windowDays=0"))).isEqualTo("windowDays");
        assertThat(field(operations().get("/operations/forecast?recentWorkingDays=many")))
                .isEqualTo("recentWorkingDays");
    }

    @Test
    void operationsAndAuditorsReadEverythingCaseworkersTheDeadlinesWorkList() {
        Caller caseworker = service.as("caseworker-1", "CASEWORKER");
        Caller auditor = service.as("auditor-1", "AUDITOR");
        Caller applicant = service.as("applicant-1", "APPLICANT");
        for (String uri : List.of("/operations/deadlines", "/operations/processing-times", "/operations/forecast")) {
            assertThat(auditor.get(uri).status()).as(uri).isEqualTo(200);
            assertThat(applicant.get(uri).status()).as(uri).isEqualTo(403);
            assertThat(service.anonymous().get(uri).status()).as(uri).isEqualTo(401);
        }
        assertThat(caseworker.get("/operations/deadlines?breachingWithinDays=0").status())
                .isEqualTo(200);
        assertThat(caseworker.get("/operations/deadlines/{id}", cases.get("A")).status())
                .isEqualTo(200);
        assertThat(caseworker.get("/operations/processing-times").status()).isEqualTo(403);
        assertThat(caseworker.get("/operations/forecast").status()).isEqualTo(403);
    }

    @Test
    void prometheusShowsTheBreachedDeadlines() {
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
            String scraped = operations()
                    .rest()
                    .get()
                    .uri("/actuator/prometheus")
                    .retrieve()
                    .body(String.class);
            assertThat(scraped.lines().filter(line -> line.startsWith("aima_operations_deadlines_breached")))
                    .singleElement()
                    .satisfies(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                            .isEqualTo(3.0));
        });
    }

    @Test
    void aRebuildFromTheArchiveGivesTheDeadlinesAndStaysBack() {
        JsonNode live = operations().get("/operations/read-models").body().get("tables");
        assertThat(live.get("ops_decision_deadline").get("rows").asLong()).isEqualTo(15);
        assertThat(live.get("ops_member_stay").get("rows").asLong())
                .as("the members of the undecided cases: one each of A to F, two each of S1 and S2")
                .isEqualTo(10);

        jdbc.sql("update ops_decision_deadline set deadline = deadline + 1 where case_id = :id")
                .param("id", cases.get("F").value())
                .update();
        jdbc.sql("update ops_member_stay set stay_ends_on = null where case_id = :id")
                .param("id", cases.get("S1").value())
                .update();
        assertThat(operations().get("/operations/read-models").body().get("tables"))
                .isNotEqualTo(live);

        Response rebuilt = operations().post("/operations/read-models/rebuild", "{}");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(rebuilt.body().get("tables")).isEqualTo(live);
        assertThat(names(deadlines("breachingWithinDays=0"))).containsExactly("A", "B", "E", "D");
    }

    // ---- reading the answers

    private static JsonNode deadlines(String query) {
        Response response = operations().get("/operations/deadlines?size=50&" + query);
        assertThat(response.status()).isEqualTo(200);
        return response.body().get("content");
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : items) {
            String id = item.get("caseId").asString();
            names.add(cases.ids().entrySet().stream()
                    .filter(c -> c.getValue().toString().equals(id))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse("?" + id));
        }
        return names;
    }

    private static JsonNode item(JsonNode page, String name) {
        for (JsonNode item : page.get("content")) {
            if (item.get("caseId").asString().equals(cases.get(name).toString())) {
                return item;
            }
        }
        throw new AssertionError(name + " is not on the page");
    }

    private static List<String> stays(Integer withinDays) {
        String uri =
                "/operations/queues/stay-expiring?size=50" + (withinDays == null ? "" : "&withinDays=" + withinDays);
        Response response = operations().get(uri);
        assertThat(response.status()).isEqualTo(200);
        List<String> stays = new ArrayList<>();
        List<String> names = names(response.body().get("content"));
        int i = 0;
        for (JsonNode item : response.body().get("content")) {
            stays.add(names.get(i++) + ":" + item.get("memberId").asString() + ":"
                    + item.get("stayEndsOn").asString() + ":"
                    + item.get("daysLeft").asLong());
        }
        return stays;
    }

    private static JsonNode stage(JsonNode times, String dimension, String key) {
        return times.get(dimension).get(key).get("stages").get("registrationToDecision");
    }

    private static String figure(JsonNode figure) {
        return String.format(
                Locale.ROOT,
                "%d: %.2f %.2f %.2f",
                figure.get("cases").asInt(),
                figure.get("p50Days").asDouble(),
                figure.get("p80Days").asDouble(),
                figure.get("p93Days").asDouble());
    }

    private static String day(JsonNode days, String date) {
        for (JsonNode day : days) {
            if (day.get("date").asString().equals(date)) {
                return "open " + day.get("openAtEnd").asLong() + ", registered "
                        + day.get("registered").asLong() + ", decided "
                        + day.get("decided").asLong() + ", "
                        + (day.get("workingDay").asBoolean() ? "working" : "not working");
            }
        }
        throw new AssertionError("no day " + date);
    }

    private static String field(Response response) {
        assertThat(response.status()).isEqualTo(400);
        return response.problem().json().get("errors").get(0).get("field").asString();
    }

    private static EventEnvelope<IntegrationEvent> envelope(String label, Instant occurredAt, IntegrationEvent event) {
        return EventEnvelope.wrap(
                UUID.randomUUID(), occurredAt, Actor.system("scripted"), "time-it", "scripted:" + label, event);
    }

    // ---- the script

    /** The fifteen cases' events, as application-, document- and scheduling-service would publish them. */
    private static final class Script {

        private final List<Published> events = new ArrayList<>();
        private final Map<String, CaseId> ids = new java.util.LinkedHashMap<>();

        Cases write() {
            undecided("A", LocalDate.of(2025, 10, 22), Region.LISBOA);
            undecided("B", LocalDate.of(2025, 10, 22), Region.LISBOA);
            extended("B", Instant.parse("2025-12-01T10:00:00Z"), LocalDate.of(2026, 4, 22));
            undecided("C", LocalDate.of(2026, 3, 15), Region.COIMBRA);
            undecided("D", LocalDate.of(2026, 3, 9), Region.COIMBRA);
            imported("E", LocalDate.of(2026, 3, 8), Instant.parse("2026-11-16T15:00:00Z"));
            // F's extensions first, its registration after them; the second extension changes nothing
            CaseId f = id("F");
            extended("F", Instant.parse("2026-06-01T10:00:00Z"), LocalDate.of(2027, 4, 23));
            extended("F", Instant.parse("2026-08-01T10:00:00Z"), LocalDate.of(2028, 1, 23));
            add(
                    Topics.APPLICATION_EVENTS,
                    f,
                    "registered",
                    atNine(LocalDate.of(2025, 10, 23)),
                    registration(f, LocalDate.of(2025, 10, 23), Region.LISBOA, null, member(null)));

            MemberId s1Spouse = MemberId.newId();
            MemberId s1Child = MemberId.newId();
            CaseId s1 = id("S1");
            add(
                    Topics.APPLICATION_EVENTS,
                    s1,
                    "registered",
                    atNine(LocalDate.of(2026, 12, 2)),
                    registration(
                            s1,
                            LocalDate.of(2026, 12, 2),
                            Region.BRAGA,
                            null,
                            new HouseholdMember(
                                    s1Spouse,
                                    Relationship.SPOUSE,
                                    LocalDate.of(1990, 4, 1),
                                    true,
                                    null,
                                    null,
                                    null,
                                    null,
                                    LocalDate.of(2026, 12, 29)),
                            new HouseholdMember(
                                    s1Child,
                                    Relationship.MINOR_CHILD,
                                    LocalDate.of(2015, 4, 1),
                                    true,
                                    null,
                                    null,
                                    null,
                                    null,
                                    LocalDate.of(2027, 2, 22))));
            add(
                    Topics.APPLICATION_EVENTS,
                    s1,
                    "stay",
                    Instant.parse("2026-12-03T11:00:00Z"),
                    new MemberStayUpdated(s1, s1Child, LocalDate.of(2027, 1, 23)));
            MemberId s2Child = MemberId.newId();
            CaseId s2 = id("S2");
            // the update before the registration, as another partition may deliver it
            add(
                    Topics.APPLICATION_EVENTS,
                    s2,
                    "stay",
                    Instant.parse("2026-12-09T10:00:00Z"),
                    new MemberStayUpdated(s2, s2Child, LocalDate.of(2027, 3, 9)));
            add(
                    Topics.APPLICATION_EVENTS,
                    s2,
                    "registered",
                    atNine(TODAY),
                    registration(
                            s2,
                            TODAY,
                            Region.BRAGA,
                            null,
                            member(LocalDate.of(2027, 3, 19)),
                            new HouseholdMember(s2Child, Relationship.MINOR_CHILD, LocalDate.of(2016, 1, 1), true)));

            decided("P10", Region.PORTO, null, 10, Instant.parse("2026-12-07T10:00:00Z"), LocalDate.of(2026, 12, 20));
            decided("P20", Region.PORTO, null, 20, Instant.parse("2026-12-04T10:00:00Z"), null);
            decided("P30", Region.PORTO, null, 30, Instant.parse("2026-12-03T10:00:00Z"), null);
            decided("P40", Region.PORTO, null, 40, Instant.parse("2026-11-23T10:00:00Z"), null);
            decided("F60", Region.FARO, "SEF-TIME-F60", 60, Instant.parse("2026-12-09T09:00:00Z"), null);
            decided("F80", Region.FARO, "SEF-TIME-F80", 80, Instant.parse("2026-11-20T10:00:00Z"), null);
            decided("OLD", Region.BRAGA, null, 5, Instant.parse("2026-08-31T10:00:00Z"), null);
            return new Cases(Map.copyOf(ids), s1Spouse, s1Child, s2Child);
        }

        private CaseId id(String name) {
            return ids.computeIfAbsent(name, n -> CaseId.newId());
        }

        private void undecided(String name, LocalDate submittedOn, Region region) {
            CaseId caseId = id(name);
            add(
                    Topics.APPLICATION_EVENTS,
                    caseId,
                    "registered",
                    atNine(submittedOn),
                    registration(caseId, submittedOn, region, null, member(null)));
        }

        private void imported(String name, LocalDate submittedOn, Instant importedAt) {
            CaseId caseId = id(name);
            add(
                    Topics.APPLICATION_EVENTS,
                    caseId,
                    "registered",
                    importedAt,
                    registration(
                            caseId,
                            submittedOn,
                            Region.SETUBAL,
                            new LegacyProvenance("SEF-TIME-" + name, "CLAIM", "CLAIM Setubal"),
                            member(null)));
        }

        private void extended(String name, Instant at, LocalDate decideBy) {
            CaseId caseId = id(name);
            add(
                    Topics.APPLICATION_EVENTS,
                    caseId,
                    "extended",
                    at,
                    new DecisionDeadlineExtended(
                            caseId, "the household's documents need a consulate's check", decideBy));
        }

        /**
         * A case decided {@code days} after its registration: checklist complete after a tenth of that, biometrics
         * collected at half of it.
         */
        private void decided(
                String name, Region region, String legacyNumber, int days, Instant decidedAt, LocalDate stayEndsOn) {
            CaseId caseId = id(name);
            Instant registeredAt = decidedAt.minus(Duration.ofDays(days));
            add(
                    Topics.APPLICATION_EVENTS,
                    caseId,
                    "registered",
                    registeredAt,
                    registration(
                            caseId,
                            LocalDate.ofInstant(registeredAt, LISBON),
                            region,
                            legacyNumber == null ? null : new LegacyProvenance(legacyNumber, "MUNICIPALITY", "CM Faro"),
                            member(stayEndsOn)));
            add(
                    Topics.DOCUMENT_EVENTS,
                    caseId,
                    "complete",
                    registeredAt.plus(Duration.ofHours(days * 24L / 10)),
                    new DocumentChecklistCompleted(caseId));
            add(
                    Topics.SCHEDULING_EVENTS,
                    caseId,
                    "collected",
                    registeredAt.plus(Duration.ofHours(days * 12L)),
                    new BiometricsCollected(caseId, region.name() + "-1"));
            add(
                    Topics.APPLICATION_EVENTS,
                    caseId,
                    "decision",
                    decidedAt,
                    new DecisionIssued(caseId, DecisionIssued.Outcome.GRANTED, List.of(), "conditions met"));
        }

        private static HouseholdMember member(LocalDate stayEndsOn) {
            return new HouseholdMember(
                    MemberId.newId(),
                    Relationship.SPOUSE,
                    LocalDate.of(1988, 6, 1),
                    true,
                    null,
                    null,
                    null,
                    null,
                    stayEndsOn);
        }

        private static ApplicationRegistered registration(
                CaseId caseId,
                LocalDate submittedOn,
                Region region,
                LegacyProvenance provenance,
                HouseholdMember... household) {
            return new ApplicationRegistered(
                    caseId, "applicant-" + caseId, submittedOn, List.of(household), "pt", null, region, provenance);
        }

        private static Instant atNine(LocalDate day) {
            return day.atTime(LocalTime.of(9, 0)).atZone(LISBON).toInstant();
        }

        private void add(String topic, CaseId caseId, String label, Instant at, IntegrationEvent event) {
            events.add(new Published(topic, envelope(caseId + ":" + label, at, event)));
        }
    }
}

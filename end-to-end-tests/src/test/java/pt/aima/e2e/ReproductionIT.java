package pt.aima.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import pt.aima.backlog.LegacyCaseGenerator;
import pt.aima.backlog.format.LegacyCsv;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.kernel.Topics;
import tools.jackson.databind.JsonNode;

/**
 * The recovery operation reproduced: the same legacy file, imported into two fresh systems with the same clock, desks
 * and policies, gives the same outcome in every service (case ids, checklists, slot assignments, notifications), as
 * each service's outcome checksum shows. The stack is started twice, so the file is small.
 *
 * <p>The protocol a reproduction follows, and why: every service's business clock is fixed at one instant ({@code
 * aima.clock.fixed}: the same "today" for eligibility, the first bookable day and every date the services decide);
 * cases join the queue at registration; no desk is defined at start-up, and one desk per region is defined once every
 * case is queued and its checklist and receipt are written. A scheduling pass books the whole queue of a region then,
 * strictly in order of registration; passes that ran while cases were still arriving would book them in the order
 * they happened to arrive, which no second run repeats. Waiting for the checklist messages before any appointment
 * keeps the appointment's text (which lists the originals to bring) independent of timing too.
 */
@Order(3)
class ReproductionIT {

    private static final int CASES = 20;
    private static final long SEED = 20231029L;
    /** A Monday morning in Lisbon (winter time: UTC). */
    private static final String CLOCK = "2026-03-02T10:00:00Z";

    private static final String DAY = "2026-03-02";
    private static final Duration FLOW = Duration.ofSeconds(120);
    private static final List<String> SERVICES =
            List.of("application-service", "document-service", "scheduling-service", "notification-service");
    private static final Map<String, String> URLS = Map.of(
            "application-service", Api.APPLICATIONS,
            "document-service", Api.DOCUMENTS,
            "scheduling-service", Api.SCHEDULING,
            "notification-service", Api.NOTIFICATIONS);

    private final Api api = new Api();

    /** One run's outcome: each service's checksum report. */
    record Outcome(Map<String, JsonNode> checksums) {

        Map<String, String> checksumByService() {
            Map<String, String> sums = new TreeMap<>();
            checksums.forEach((service, report) ->
                    sums.put(service, report.get("checksum").asString()));
            return sums;
        }

        long rows(String service, String part) {
            for (JsonNode p : checksums.get(service).get("parts")) {
                if (p.get("name").asString().equals(part)) {
                    return p.get("rows").asLong();
                }
            }
            throw new AssertionError("no part " + part + " in " + checksums.get(service));
        }
    }

    /** What the generated file holds, read as a client would. */
    record LegacyFile(byte[] bytes, Map<String, String> regionOf, Map<String, Integer> membersOf) {}

    @Test
    void theSameLegacyFileImportedIntoTwoFreshSystemsGivesTheSameOutcomeInEveryService() throws IOException {
        LegacyFile file = generate();

        Outcome first = runOnce(file);
        Outcome second = runOnce(file);

        assertThat(second.checksumByService())
                .as("every service's outcome checksum, run 1 and run 2:\n%s\n%s", first.checksums(), second.checksums())
                .isEqualTo(first.checksumByService());
        assertThat(second.checksums()).isEqualTo(first.checksums());
        long registered = first.rows("application-service", "case-status");
        assertThat(registered).as("cases registered").isGreaterThan(CASES / 2);
        assertThat(first.rows("document-service", "checklists")).isGreaterThan(registered);
        assertThat(first.rows("scheduling-service", "desk-slots"))
                .as("one slot per member of every registered case")
                .isGreaterThanOrEqualTo(registered);
        assertThat(first.rows("notification-service", "portal-inbox"))
                .as("receipt, checklist and appointment of every case")
                .isEqualTo(3 * registered);
        assertThat(first.rows("application-service", "backlog-import-problems"))
                .as("the generated file's bad rows are reported, the same in both runs")
                .isPositive();
    }

    private Outcome runOnce(LegacyFile file) {
        RunningStack.stopShared();
        try (RunningStack stack = RunningStack.start(Map.of(
                "AIMA_CLOCK_FIXED", CLOCK,
                "AIMA_SCHEDULING_SCHEDULABLEWHEN", "REGISTERED",
                "AIMA_SCHEDULING_DESKID", ""))) {
            String operations = api.token("operations-repro", "OPERATIONS");
            String auditor = api.token("auditor-repro", "AUDITOR");
            assertThat(api.get(Api.SCHEDULING + "/desks", operations).body())
                    .as("no desk defined at start-up")
                    .isEmpty();

            JsonNode report = importFile(file.bytes(), operations);
            assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
            Set<String> rejected = new TreeSet<>();
            report.get("problems")
                    .forEach(problem -> rejected.add(problem.get("legacyNumber").asString()));
            List<String> cases = new ArrayList<>();
            Set<String> regions = new TreeSet<>();
            file.regionOf().forEach((legacy, region) -> {
                if (!rejected.contains(legacy)) {
                    cases.add(caseIdOf(legacy));
                    regions.add(region);
                }
            });
            assertThat(cases).hasSize(report.get("registered").asInt());

            for (String caseId : cases) {
                awaitStatus(Api.DOCUMENTS + "/cases/" + caseId + "/checklist", auditor, body -> true);
                awaitStatus(Api.SCHEDULING + "/cases/" + caseId + "/appointment", auditor, body -> "WAITING_FOR_SLOT"
                        .equals(body.get("status").asString()));
                awaitKinds(caseId, auditor, List.of("CHECKLIST", "RECEIPT"));
            }
            for (String region : regions) {
                defineDesk(region, operations);
            }
            for (String caseId : cases) {
                awaitStatus(Api.SCHEDULING + "/cases/" + caseId + "/appointment", auditor, body -> "SCHEDULED"
                        .equals(body.get("status").asString()));
                awaitStatus(Api.APPLICATIONS + "/applications/" + caseId, auditor, body -> "BIOMETRICS_SCHEDULED"
                        .equals(body.get("stage").asString()));
                awaitKinds(caseId, auditor, List.of("APPOINTMENT", "CHECKLIST", "RECEIPT"));
            }
            try (var kafka = new IntegrationEventsClient(stack.kafkaBootstrapServers(), FLOW)) {
                kafka.awaitCaughtUp("application-service", Topics.DOCUMENT_EVENTS, Topics.SCHEDULING_EVENTS);
                kafka.awaitCaughtUp("document-service", Topics.APPLICATION_EVENTS);
                kafka.awaitCaughtUp("scheduling-service", Topics.APPLICATION_EVENTS, Topics.DOCUMENT_EVENTS);
                kafka.awaitCaughtUp(
                        "notification-service",
                        Topics.APPLICATION_EVENTS,
                        Topics.APPLICANT_CONTACTS,
                        Topics.DOCUMENT_EVENTS,
                        Topics.SCHEDULING_EVENTS);
            }
            Map<String, JsonNode> checksums = new LinkedHashMap<>();
            for (String service : SERVICES) {
                Api.Response answer = api.get(URLS.get(service) + "/audit/outcome-checksum", auditor);
                assertThat(answer.status()).as(service).isEqualTo(200);
                checksums.put(service, answer.body());
            }
            return new Outcome(checksums);
        }
    }

    /** The generator's file (fixed seed, a share of bad rows), and each case's region as the file names it. */
    private static LegacyFile generate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LegacyCaseGenerator(SEED, 100).write(CASES, out);
        byte[] bytes = out.toByteArray();
        Map<String, String> regionOf = new LinkedHashMap<>();
        Map<String, Integer> membersOf = new LinkedHashMap<>();
        for (CSVRecord row : LegacyCsv.READ
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            if (!row.isConsistent()) {
                continue;
            }
            regionOf.putIfAbsent(row.get("legacy_number"), row.get("desk_region"));
            membersOf.merge(row.get("legacy_number"), 1, Integer::sum);
        }
        return new LegacyFile(bytes, regionOf, membersOf);
    }

    /** README: an imported case's id derives from its legacy number (a name-based UUID). */
    private static String caseIdOf(String legacyNumber) {
        return UUID.nameUUIDFromBytes(("sef-legacy:" + legacyNumber).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private JsonNode importFile(byte[] csv, String operations) {
        Api.Answer accepted = api.call("POST", Api.APPLICATIONS + "/imports", operations, "text/csv", csv);
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
        String importId = accepted.body().get("importId").asString();
        return await("import " + importId)
                .atMost(FLOW)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.get(Api.APPLICATIONS + "/imports/" + importId, operations)
                                .body(),
                        body -> body != null
                                && body.has("status")
                                && !"RUNNING".equals(body.get("status").asString()));
    }

    private void defineDesk(String region, String operations) {
        String desk = "REPRO-" + region.replace('_', '-') + "-1";
        Api.Response defined = api.put(
                Api.SCHEDULING + "/desks/" + desk + "/capacity",
                operations,
                Map.of(
                        "effectiveFrom",
                        DAY,
                        "openingDays",
                        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                        "slotsPerDay",
                        8,
                        "firstSlot",
                        "09:00",
                        "slotMinutes",
                        20,
                        "reason",
                        "reproduction: one desk per region",
                        "region",
                        region));
        assertThat(defined.status()).as("desk %s: %s", desk, defined.body()).isEqualTo(202);
    }

    private JsonNode awaitStatus(String url, String token, java.util.function.Predicate<JsonNode> wanted) {
        return await(url)
                .atMost(FLOW)
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(
                        () -> {
                            Api.Response response = api.get(url, token);
                            return response.status() == 200 ? response.body() : null;
                        },
                        body -> body != null && wanted.test(body));
    }

    /** Until the case's portal inbox holds exactly these kinds (in any order). */
    private void awaitKinds(String caseId, String token, List<String> kinds) {
        awaitStatus(Api.NOTIFICATIONS + "/cases/" + caseId + "/notifications", token, body -> {
            List<String> found = new ArrayList<>();
            body.forEach(notification -> found.add(notification.get("kind").asString()));
            return found.stream().sorted().toList().equals(kinds);
        });
    }
}

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
 * <p>The second system runs <b>two instances of every service</b> side by side ({@code --instances=2}: same databases,
 * same topics), so the same outcome also shows that each case was processed once however the work was shared: every
 * service's consumer group has twice the members, each holding partitions, the checklists, slots and messages are the
 * same rows as with one instance (no slot booked twice, no message written twice), and every e-mail reached the mail
 * server exactly once in both runs (counted by its notification id at the server, not by what was marked sent).
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

    /**
     * One run's outcome: each service's checksum report; and, of how it was reached, the members of each service's
     * consumer group and the e-mails the mail server received.
     */
    record Outcome(Map<String, JsonNode> checksums, Map<String, Integer> groupMembers, int emails) {

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

        Outcome first = runOnce(file, 1, Map.of());
        Outcome second = runOnce(file, 2, first.groupMembers());

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
        assertThat(first.emails())
                .as("an e-mail for each receipt, checklist and appointment")
                .isEqualTo(3 * (int) registered);
        assertThat(second.emails())
                .as("the same e-mails with two instances, none sent twice")
                .isEqualTo(first.emails());
    }

    /**
     * Imports the file into a fresh stack of {@code instances} instances of every service and returns the outcome.
     * With more than one, each service's consumer group must have {@code instances} times the members of {@code
     * oneInstance}'s (the first run's), each holding partitions: the instances share the work.
     */
    private Outcome runOnce(LegacyFile file, int instances, Map<String, Integer> oneInstance) {
        RunningStack.stopShared();
        Map<String, String> environment = new LinkedHashMap<>(Map.of(
                "AIMA_CLOCK_FIXED", CLOCK,
                "AIMA_SCHEDULING_SCHEDULABLEWHEN", "REGISTERED",
                "AIMA_SCHEDULING_DESKID", ""));
        // operations-service takes no part in the outcome compared here (its read side is checked elsewhere): the
        // one-instance run goes without it, sparing a JVM on two cores; the two-instance run keeps both of its.
        List<String> options = instances == 1
                ? List.of("--instances=1", "--without=operations-service")
                : List.of("--instances=" + instances);
        try (MailSink mail = new MailSink();
                RunningStack stack = RunningStack.start(withAll(environment, mail.environment()), options)) {
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
            Map<String, Integer> members = groupMembers(stack, instances, oneInstance);
            int emails = awaitEveryEmailReceivedOnce(mail, operations);
            Map<String, JsonNode> checksums = new LinkedHashMap<>();
            for (String service : SERVICES) {
                Api.Response answer = api.get(URLS.get(service) + "/audit/outcome-checksum", auditor);
                assertThat(answer.status()).as(service).isEqualTo(200);
                checksums.put(service, answer.body());
            }
            return new Outcome(checksums, members, emails);
        }
    }

    private static Map<String, String> withAll(Map<String, String> environment, Map<String, String> more) {
        environment.putAll(more);
        return environment;
    }

    /**
     * Each service's consumer group, as the number of its members, once every member holds partitions (no rebalance
     * under way); with several instances, once the group has that many times the members of one instance's.
     */
    private static Map<String, Integer> groupMembers(
            RunningStack stack, int instances, Map<String, Integer> oneInstance) {
        Map<String, Integer> members = new TreeMap<>();
        try (var kafka = new IntegrationEventsClient(stack.kafkaBootstrapServers(), FLOW)) {
            for (String service : SERVICES) {
                List<Integer> partitions = await(
                                service + "'s consumer group settled with the members of " + instances + " instance(s)")
                        .atMost(FLOW)
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> kafka.groupMembers(service),
                                held -> !held.isEmpty()
                                        && held.stream().allMatch(count -> count > 0)
                                        && (instances == 1 || held.size() == instances * oneInstance.get(service)));
                members.put(service, partitions.size());
            }
        }
        return members;
    }

    /**
     * Waits until notification-service has no e-mail left to send, then compares what it marked sent with what the
     * mail server received: each sent e-mail's notification id exactly once, nothing else. Returns the count.
     */
    private int awaitEveryEmailReceivedOnce(MailSink mail, String operations) {
        await("every e-mail sent")
                .atMost(FLOW)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> emailDeliveries("PENDING", operations).isEmpty());
        assertThat(emailDeliveries("FAILED", operations)).as("failed e-mails").isEmpty();
        Set<String> sent = emailDeliveries("SENT", operations);
        Map<String, Integer> received = mail.messagesByNotification();
        assertThat(received.keySet()).as("the e-mails the mail server received").isEqualTo(sent);
        assertThat(received.values())
                .as("messages per notification at the mail server")
                .containsOnly(1);
        return sent.size();
    }

    private Set<String> emailDeliveries(String status, String operations) {
        Api.Response answer =
                api.get(Api.NOTIFICATIONS + "/operations/deliveries?status=" + status + "&limit=1000", operations);
        assertThat(answer.status())
                .as("%s deliveries: %s", status, answer.body())
                .isEqualTo(200);
        Set<String> ids = new TreeSet<>();
        answer.body().forEach(delivery -> {
            if ("EMAIL".equals(delivery.get("channel").asString())) {
                ids.add(delivery.get("notificationId").asString());
            }
        });
        return ids;
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

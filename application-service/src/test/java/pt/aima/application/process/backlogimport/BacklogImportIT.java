package pt.aima.application.process.backlogimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.application.backlog.LegacyCaseFile;
import pt.aima.application.backlog.LegacyCaseFile.LegacyCase;
import pt.aima.backlog.format.LegacyColumn;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegisteredV2;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * The backlog import against a real PostgreSQL and Kafka: a small generated file is imported through the API; valid
 * cases are registered with their original submission dates and published, bad lines are reported with their line
 * numbers, a partly bad case is not registered at all, and importing the same file again registers nothing twice. An
 * import interrupted by a crash is marked interrupted at start-up and resumed with the same file; an upload over the
 * limit is 413. Tokens, REST calls, Kafka and the event-store probes are the platform's {@link ServiceHarness}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "aima.imports.max-upload-size=256KB")
class BacklogImportIT {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "application_service_backlog_it");
    }

    @Autowired
    JdbcClient jdbc;

    /** This test's legacy numbers start with it: each test's cases are its own. */
    private final String run = "IT" + Long.toString(System.nanoTime(), 36).toUpperCase();

    /** A generated file: valid cases of one to three members, and bad lines at known places. */
    private record Generated(
            String csv,
            List<String> valid,
            Map<String, LocalDate> submitted,
            Map<String, String> regions,
            List<int[]> badLines) {}

    /** The households live in these regions, one case after another; case 23 names one off the published list. */
    private static final List<String> REGIONS = List.of("PORTO", "FARO", "LISBOA", "MADEIRA");

    private Generated generate() {
        return generate(run);
    }

    private Generated generate(String run) {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder(LegacyColumn.HEADER_BEFORE_STAY).append('\n');
        int line = 1;
        List<String> valid = new ArrayList<>();
        Map<String, LocalDate> submitted = new java.util.HashMap<>();
        Map<String, String> regions = new java.util.HashMap<>();
        List<int[]> bad = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            String legacy = run + "-" + n;
            LocalDate on = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(5 * 365));
            int members = 1 + random.nextInt(3);
            String region = n == 23 ? "ATLANTIS" : REGIONS.get(n % REGIONS.size());
            regions.put(legacy, region);
            for (int m = 0; m < members; m++) {
                String relationship = m == 0 ? "SPOUSE" : "MINOR_CHILD";
                LocalDate born = m == 0 ? on.minusYears(35) : on.minusYears(2 + m);
                String badField = null;
                if (n == 5 && m == members - 1) {
                    relationship =
                            "COUSIN"; // unknown relationship: the whole case (its other rows too) is not registered
                    badField = "UNKNOWN_RELATIONSHIP";
                }
                String bornText = born.toString();
                if (n == 11) {
                    bornText = "2001-02-30";
                    badField = "IMPOSSIBLE_DATE";
                }
                if (n == 17 && m == 0) {
                    relationship = "MINOR_CHILD";
                    bornText = on.minusYears(30).toString();
                    badField = "NOT_ELIGIBLE";
                }
                if (n == 23 && m == 0) {
                    badField = "UNKNOWN_REGION"; // reported once, on the case's first line
                }
                line++;
                csv.append(row(legacy, on, relationship, bornText, region)).append('\n');
                if (badField != null) {
                    bad.add(new int[] {line, badField.hashCode()});
                }
            }
            if (n != 5 && n != 11 && n != 17 && n != 23) {
                valid.add(legacy);
                submitted.put(legacy, on);
            }
        }
        line++;
        csv.append(row(run + "-3", LocalDate.of(2020, 1, 1), "SPOUSE", "1980-01-01"))
                .append('\n');
        bad.add(new int[] {line, "DUPLICATE_LEGACY_NUMBER".hashCode()});
        line++;
        csv.append(run).append("-99,2020-01-01,only,three\n");
        bad.add(new int[] {line, "MALFORMED".hashCode()});
        return new Generated(csv.toString(), valid, submitted, regions, bad);
    }

    private static String row(String legacy, LocalDate on, String relationship, String born) {
        return row(legacy, on, relationship, born, "PORTO");
    }

    private static String row(String legacy, LocalDate on, String relationship, String born, String region) {
        return String.join(
                ",",
                legacy,
                on.toString(),
                "Ana Sponsor",
                "AR-" + legacy,
                "CLAIM",
                "CLAIM Porto",
                region,
                "applicant-" + legacy.toLowerCase(),
                "ana@example.org",
                "pt",
                "Member Name",
                relationship,
                born,
                "BRA",
                "false",
                "");
    }

    @Test
    void importsAGeneratedFileOnceInOrderOfOriginalSubmissionAndReportsEachBadLine() {
        Generated file = generate();
        Caller operations = service.as("operator-1", "OPERATIONS");

        JsonNode report = importAndAwait(operations, file.csv().getBytes(StandardCharsets.UTF_8));
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("operator").asString()).isEqualTo("operator-1");
        assertThat(report.get("cases").asInt()).isEqualTo(32);
        assertThat(report.get("registered").asInt()).isEqualTo(26);
        assertThat(report.get("alreadyRegistered").asInt()).isZero();
        assertThat(report.get("rejectedCases").asInt()).isEqualTo(6);
        List<int[]> reported = new ArrayList<>();
        report.get("problems")
                .forEach(p -> reported.add(new int[] {
                    p.get("line").asInt(), p.get("code").asString().hashCode()
                }));
        assertThat(reported)
                .as("every bad line with its number and code")
                .usingElementComparator(
                        Comparator.comparingInt((int[] a) -> a[0]).thenComparingInt(a -> a[1]))
                .containsExactlyInAnyOrderElementsOf(file.badLines());

        // partial cases are never half-imported: nothing of the rejected cases is stored
        for (String legacy : List.of(run + "-5", run + "-11", run + "-17", run + "-23", run + "-99")) {
            assertThat(service.eventStore().count(BacklogImporter.caseIdOf(legacy)))
                    .as(legacy)
                    .isZero();
        }
        // every valid case is registered with its original submission date; the case-status projection orders them so
        List<String> expectedOrder = file.valid().stream()
                .sorted(Comparator.comparing((String l) -> file.submitted().get(l))
                        .thenComparing(l -> BacklogImporter.caseIdOf(l).value().toString()))
                .map(l -> BacklogImporter.caseIdOf(l).value().toString())
                .toList();
        List<String> ids =
                expectedOrder.stream().map(UUID::fromString).map(UUID::toString).toList();
        await().atMost(ServiceHarness.PATIENCE)
                .until(() -> jdbc.sql("select count(*) from case_status where case_id in (:ids)")
                                .param("ids", ids.stream().map(UUID::fromString).toList())
                                .query(Integer.class)
                                .single()
                        == ids.size());
        List<String> projected = jdbc.sql(
                        "select case_id from case_status where case_id in (:ids) order by submitted_on, case_id")
                .param("ids", ids.stream().map(UUID::fromString).toList())
                .query(String.class)
                .list();
        assertThat(projected).isEqualTo(expectedOrder);
        List<java.sql.Date> byRegistration = jdbc.sql(
                        "select submitted_on from case_status where case_id in (:ids) order by registered_at, submitted_on")
                .param("ids", ids.stream().map(UUID::fromString).toList())
                .query(java.sql.Date.class)
                .list();
        assertThat(byRegistration).as("registered oldest first").isSorted();

        String first = file.valid().getFirst();
        EventEnvelope<?> published = service.kafka()
                .awaitPublished(Topics.APPLICATION_EVENTS, BacklogImporter.caseIdOf(first), "ApplicationRegistered");
        assertThat(((ApplicationRegisteredV2) published.payload()).submittedOn())
                .isEqualTo(file.submitted().get(first));
        assertThat(((ApplicationRegisteredV2) published.payload()).region())
                .as("the file's desk_region")
                .isEqualTo(Region.valueOf(file.regions().get(first)));
        assertThat(((ApplicationRegisteredV2) published.payload()).provenance())
                .as("the SEF number and the recovering partner, for operations")
                .satisfies(provenance -> {
                    assertThat(provenance.legacyNumber()).isEqualTo(first);
                    assertThat(provenance.partnerType()).isIn("CLAIM", "MUNICIPALITY", "PROFESSIONAL_ASSOCIATION");
                    assertThat(provenance.partnerName()).isNotBlank();
                });
        assertThat(jdbc.sql("select region, count(*) from case_status where case_id in (:ids) group by region")
                        .param("ids", ids.stream().map(UUID::fromString).toList())
                        .query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
                        .list())
                .as("every imported case shows its region")
                .containsExactlyInAnyOrderElementsOf(file.valid().stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                legacy -> file.regions().get(legacy), java.util.stream.Collectors.summingInt(l -> 1)))
                        .entrySet());
        assertThat(report.get("problems"))
                .filteredOn(problem -> problem.get("code").asString().equals("UNKNOWN_REGION"))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.get("legacyNumber").asString()).isEqualTo(run + "-23");
                    assertThat(problem.get("reason").asString()).contains("ATLANTIS");
                });
        assertThat(published.actor()).isEqualTo(new Actor("operator-1", "OPERATIONS"));
        assertThat(published.correlationId()).isEqualTo(report.get("importId").asString());

        // the same file again registers nothing twice
        JsonNode again = importAndAwait(operations, file.csv().getBytes(StandardCharsets.UTF_8));
        assertThat(again.get("registered").asInt()).isZero();
        assertThat(again.get("alreadyRegistered").asInt()).isEqualTo(26);
        assertThat(again.get("rejectedCases").asInt()).isEqualTo(6);
        for (String legacy : file.valid()) {
            assertThat(service.eventStore().count(BacklogImporter.caseIdOf(legacy)))
                    .as(legacy)
                    .isEqualTo(1);
        }
    }

    @Test
    void importsTheEndOfEachMembersStayFromAFileWithTheStayColumn() {
        Caller operations = service.as("operator-3", "OPERATIONS");
        LocalDate on = LocalDate.of(2021, 5, 5);
        String present = row(run + "-S1", on, "SPOUSE", "1980-01-01")
                .replace(",false,", ",true,2020-02-01,")
                .replaceFirst(",$", "");
        String child = row(run + "-S1", on, "MINOR_CHILD", "2015-01-01");
        String csv = LegacyColumn.HEADER + "\n"
                + present + ",2026-06-30\n"
                + child + ",\n"
                + row(run + "-S2", on, "SPOUSE", "1980-01-01") + ",2026-06-30\n";

        JsonNode report = importAndAwait(operations, csv.getBytes(StandardCharsets.UTF_8));

        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("registered").asInt()).isEqualTo(1);
        assertThat(report.get("problems")).singleElement().satisfies(problem -> {
            assertThat(problem.get("line").asInt()).isEqualTo(4);
            assertThat(problem.get("code").asString()).isEqualTo("MALFORMED");
            assertThat(problem.get("reason").asString()).contains("stay_ends_on", "present in Portugal");
        });
        var registered = (ApplicationRegisteredV2) service.kafka()
                .awaitPublished(
                        Topics.APPLICATION_EVENTS, BacklogImporter.caseIdOf(run + "-S1"), "ApplicationRegistered")
                .payload();
        assertThat(registered.household())
                .extracting(member -> member.stayEndsOn())
                .containsExactly(LocalDate.of(2026, 6, 30), null);
    }

    @Test
    void aFileRefusedAsAWholeIsReportedPreciselyAndRegistersNothing() {
        Caller operations = service.as("operator-1", "OPERATIONS");
        String valid = row(run + "-X1", LocalDate.of(2021, 5, 5), "SPOUSE", "1980-01-01");

        JsonNode empty = importAndAwait(operations, new byte[0]);
        assertThat(empty.get("status").asString()).isEqualTo("REJECTED");
        assertThat(empty.get("problems").get(0).get("code").asString()).isEqualTo("EMPTY_FILE");

        byte[] latin1 = (LegacyColumn.HEADER_BEFORE_STAY + "\n" + valid + "\n"
                        + valid.replace("Member Name", "João").replace("-X1", "-X2") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        JsonNode encoding = importAndAwait(operations, latin1);
        assertThat(encoding.get("status").asString()).isEqualTo("REJECTED");
        assertThat(encoding.get("problems").get(0).get("code").asString()).isEqualTo("NOT_UTF8");
        assertThat(encoding.get("problems").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(service.eventStore().count(BacklogImporter.caseIdOf(run + "-X1")))
                .isZero();

        String truncated = LegacyColumn.HEADER_BEFORE_STAY + "\n" + valid + "\n"
                + valid.replace("-X1", "-X3").substring(0, 30);
        JsonNode cut = importAndAwait(operations, truncated.getBytes(StandardCharsets.UTF_8));
        assertThat(cut.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(cut.get("registered").asInt()).isEqualTo(1);
        assertThat(cut.get("problems").get(0).get("code").asString()).isEqualTo("TRUNCATED");
        assertThat(cut.get("problems").get(0).get("line").asInt()).isEqualTo(3);
    }

    @Test
    void onlyOperationsImport() {
        for (String role : List.of("APPLICANT", "CASEWORKER", "AUDITOR")) {
            Caller someone = service.as("someone", role);
            byte[] header = LegacyColumn.HEADER_BEFORE_STAY.getBytes(StandardCharsets.UTF_8);
            assertThat(upload(someone, header, "/imports").status()).as(role).isEqualTo(403);
            assertThat(upload(someone, header, "/imports/{id}/resumption", UUID.randomUUID())
                            .status())
                    .as(role)
                    .isEqualTo(403);
        }
    }

    @Autowired
    BacklogImporter importer;

    @Autowired
    BacklogImportRecovery recovery;

    @Test
    void anImportInterruptedByACrashIsMarkedInterruptedAtStartUpAndResumedWithTheSameFile() throws Exception {
        Generated file = generate(run + "R");
        byte[] csv = file.csv().getBytes(StandardCharsets.UTF_8);
        String importId = UUID.randomUUID().toString();
        ActingContext operator = new ActingContext(new Actor("operator-2", "OPERATIONS"), importId, "crash-test");

        // what a run had done when the service crashed: started, and a first chunk of four cases registered
        importer.begin(importId, sha256(csv), csv.length, operator);
        List<LegacyCase> valid = new ArrayList<>();
        LegacyCaseFile.read(new ByteArrayInputStream(csv), LocalDate.now(), valid::add);
        List<LegacyCase> firstChunk = valid.stream()
                .filter(legacy -> file.valid().contains(legacy.legacyNumber()))
                .limit(4)
                .toList();
        assertThat(importer.registerTogether(importId, firstChunk, operator)).isTrue();

        // the service starts again (the crashed run had left its upload on disk)
        java.nio.file.Path spool = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "aima-imports");
        java.nio.file.Files.createDirectories(spool);
        java.nio.file.Path leftover = java.nio.file.Files.write(spool.resolve("import-crashed.csv"), csv);
        recovery.markInterruptedImports();
        assertThat(leftover).doesNotExist();
        Caller auditor = service.as("auditor-1", "AUDITOR");
        JsonNode interrupted = await().atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> report(importId, auditor),
                        body -> body != null
                                && "INTERRUPTED".equals(body.path("status").asString()));
        assertThat(interrupted.get("registered").asInt()).isEqualTo(4);

        Caller operations = service.as("operator-2", "OPERATIONS");
        Response otherFile = resume(importId, operations, (file.csv() + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(otherFile.status()).isEqualTo(409);
        assertThat(otherFile.problem().rule()).isEqualTo("IMPORT_FILE_DIFFERS");

        Response resumed = resume(importId, operations, csv);
        assertThat(resumed.status()).isEqualTo(202);
        JsonNode completed = await().atMost(ServiceHarness.PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> report(importId, auditor),
                        body -> body != null
                                && "COMPLETED".equals(body.path("status").asString()));
        assertThat(completed.get("cases").asInt()).isEqualTo(32);
        assertThat(completed.get("registered").asInt())
                .as("the four before the crash are its own")
                .isEqualTo(26);
        assertThat(completed.get("alreadyRegistered").asInt()).isZero();
        assertThat(completed.get("rejectedCases").asInt()).isEqualTo(6);
        assertThat(completed.get("problems")).hasSize(file.badLines().size());
        for (String legacy : file.valid()) {
            assertThat(service.eventStore().count(BacklogImporter.caseIdOf(legacy)))
                    .as(legacy)
                    .isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from backlog_import_run where import_id = :id")
                        .param("id", importId)
                        .query(Integer.class)
                        .single())
                .isZero();

        Response again = resume(importId, operations, csv);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem().rule()).isEqualTo("IMPORT_COMPLETED");
        assertThat(resume(UUID.randomUUID().toString(), operations, csv).status())
                .isEqualTo(404);
    }

    @Test
    void anUploadOverTheLimitIsRefusedWith413AndRecordsNothing() throws Exception {
        Caller operations = service.as("operator-1", "OPERATIONS");
        String row = row(run + "-BIG", LocalDate.of(2021, 5, 5), "SPOUSE", "1980-01-01") + "\n";
        byte[] big = (LegacyColumn.HEADER_BEFORE_STAY + "\n" + row.repeat(300 * 1024 / row.length()))
                .getBytes(StandardCharsets.UTF_8);
        int eventsBefore = allEvents();

        Response declared = upload(operations, big, "/imports");
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.problem().json().get("limitBytes").asLong()).isEqualTo(256 * 1024);

        // no Content-Length: counted while it is received
        HttpResponse<String> streamed = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/imports"))
                                .header("Authorization", "Bearer " + operations.token())
                                .header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.body()).contains("aima.imports.max-upload-size");

        assertThat(allEvents()).as("nothing recorded").isEqualTo(eventsBefore);
    }

    private static Response resume(String importId, Caller operator, byte[] csv) {
        return upload(operator, csv, "/imports/{id}/resumption", importId);
    }

    /** POSTs a legacy file as text/csv (the harness's helpers send JSON). */
    private static Response upload(Caller caller, byte[] csv, String uri, Object... variables) {
        ResponseEntity<JsonNode> response = caller.rest()
                .post()
                .uri(uri, variables)
                .contentType(CSV)
                .body(csv)
                .retrieve()
                .toEntity(JsonNode.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    private static JsonNode report(String importId, Caller auditor) {
        return auditor.get("/imports/{id}", importId).body();
    }

    private int allEvents() {
        return jdbc.sql("select count(*) from domain_event_entry")
                .query(Integer.class)
                .single();
    }

    private static String sha256(byte[] content) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void theCaseStatusShowsTheLegacyNumberAlsoOfCasesImportedBeforeItWasShown() throws Exception {
        Generated file = generate();
        importAndAwait(service.as("operator-5", "OPERATIONS"), file.csv().getBytes(StandardCharsets.UTF_8));
        List<UUID> ids = file.valid().stream()
                .map(legacy -> BacklogImporter.caseIdOf(legacy).value())
                .toList();
        await().atMost(ServiceHarness.PATIENCE)
                .until(() -> jdbc.sql("select count(*) from case_status where case_id in (:ids)")
                                .param("ids", ids)
                                .query(Integer.class)
                                .single()
                        == ids.size());
        String first = file.valid().getFirst();
        assertThat(service.as("auditor-5", "AUDITOR")
                        .get("/applications/{id}", BacklogImporter.caseIdOf(first))
                        .body()
                        .get("legacyNumber")
                        .asString())
                .isEqualTo(first);

        // as the rows of cases imported before V180 were: no legacy number; the migration's update fills it in
        jdbc.sql("update case_status set legacy_number = null where case_id in (:ids)")
                .param("ids", ids)
                .update();
        String migration = new String(
                getClass()
                        .getResourceAsStream("/db/service/V180__case_status_legacy_number.sql")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        String backfill = migration.substring(
                migration.indexOf("update case_status"),
                migration.indexOf(';', migration.indexOf("update case_status")));
        jdbc.sql(backfill).update();

        Map<String, String> legacyNumbers = new java.util.HashMap<>();
        jdbc.sql("select case_id, legacy_number from case_status where case_id in (:ids)")
                .param("ids", ids)
                .query((rs, row) -> legacyNumbers.put(rs.getString(1), rs.getString(2)))
                .list();
        for (String legacy : file.valid()) {
            assertThat(legacyNumbers.get(BacklogImporter.caseIdOf(legacy).toString()))
                    .as(legacy)
                    .isEqualTo(legacy);
        }
    }

    private static JsonNode importAndAwait(Caller operator, byte[] csv) {
        Response accepted = upload(operator, csv, "/imports");
        assertThat(accepted.status()).isEqualTo(202);
        String importId = accepted.body().get("importId").asString();
        Caller auditor = service.as("auditor-1", "AUDITOR");
        return await("import " + importId + " done")
                .atMost(ServiceHarness.PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> report(importId, auditor),
                        body -> body != null
                                && body.has("status")
                                && !"RUNNING".equals(body.get("status").asString()));
    }
}

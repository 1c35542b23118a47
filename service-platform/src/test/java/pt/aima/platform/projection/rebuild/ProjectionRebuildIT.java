package pt.aima.platform.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.fixture.rebuildapp.CaseFile;
import pt.aima.fixture.rebuildapp.CaseSummaryProjection;
import pt.aima.fixture.rebuildapp.RebuildTestApplication;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.platform.projection.ProjectionLag;
import pt.aima.platform.projection.ProjectionMonitor;
import pt.aima.platform.relay.KafkaEventRelay;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * Blue/green rebuilds against a real PostgreSQL and event store, while commands keep appending events: a rebuild
 * switches only when its copy equals the live tables (a column filled by the clock left out), readers never see a
 * half-built table, no event is lost or applied twice across the switch; a difference planted in the live table is
 * reported by key and column and nothing switches; a second rebuild of the same projection while one runs is refused.
 */
@SpringBootTest(
        classes = RebuildTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=" + RebuildTestApplication.SERVICE,
            "aima.service.name=" + RebuildTestApplication.SERVICE,
            "aima.service.topic=aima.rebuild-it.events.v1",
            "spring.flyway.locations=classpath:db/platform,classpath:db/rebuildapp",
            "axon.eventhandling.processors.case-summary.mode=pooled",
            "axon.eventhandling.processors.case-summary.initial-segment-count=2",
            "axon.eventhandling.processors.case-summary.thread-count=2",
            "axon.eventhandling.processors.case-summary.batch-size=20",
            "axon.eventhandling.processors.case-summary.dlq.enabled=true",
            "aima.projections.check-interval=200ms",
            "aima.projections.rebuild.batch-size=25",
            "aima.projections.rebuild.reported-differences=10"
        })
class ProjectionRebuildIT {

    private static final String PROJECTION = RebuildTestApplication.PROJECTION;
    private static final String REBUILDS = "/operations/projections/{name}/rebuilds";

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_projection_rebuild_it");
    }

    /** Notes each case got (a case opened has 0). */
    private final Map<UUID, Integer> notes = new ConcurrentHashMap<>();

    @AfterEach
    void openTheGate() {
        CountDownLatch gate = CaseSummaryProjection.gate;
        CaseSummaryProjection.gate = null;
        if (gate != null) {
            gate.countDown();
        }
        CaseSummaryProjection.GATED.clear();
    }

    @Test
    void aRebuildUnderConcurrentAppendsSwitchesOnlyWhenEqualAndReadersNeverSeeAHalfBuiltCopy() throws Exception {
        List<UUID> seeded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            seeded.add(openWithNotes(3));
        }
        awaitLiveCaughtUp();
        UUID flagged = seeded.getFirst();
        jdbc().sql("insert into case_flag (case_id, flag) values (:id, 'urgent')")
                .param("id", flagged)
                .update();
        long liveOid = oid("case_summary");
        String projectedBefore = projectedAt(flagged);
        long rowsBefore = count("case_summary");

        // The replay waits at the first seeded case until the test lets it go: the rebuild is visibly RUNNING.
        CaseSummaryProjection.GATED.add(seeded.getFirst());
        CountDownLatch gate = new CountDownLatch(1);
        CaseSummaryProjection.gate = gate;

        AtomicBoolean busy = new AtomicBoolean(true);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicLong fewestRowsSeen = new AtomicLong(Long.MAX_VALUE);
        Thread writer = new Thread(() -> {
            try {
                while (busy.get()) {
                    openWithNotes(2);
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        Thread reader = new Thread(() -> {
            try {
                while (busy.get()) {
                    fewestRowsSeen.accumulateAndGet(count("case_summary"), Math::min);
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        writer.start();
        reader.start();
        try {
            Response started = operations().post(REBUILDS, reason("prove the case summary"), PROJECTION);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            String id = started.body().get("id").asString();
            assertThat(started.headers().getLocation())
                    .hasPath("/operations/projections/" + PROJECTION + "/rebuilds/" + id);
            assertThat(started.body().get("state").asString()).isEqualTo("RUNNING");

            Response second = operations().post(REBUILDS, reason("again"), PROJECTION);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.problem().rule()).isEqualTo("PROJECTION_REBUILD_RUNNING");
            assertThat(second.problem().detail()).contains(id);

            await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
                JsonNode running = rebuild(id);
                assertThat(running.get("state").asString()).isEqualTo("RUNNING");
                assertThat(running.get("head").asLong()).isGreaterThan(0);
                assertThat(running.get("lag").asLong()).isPositive();
            });
            assertThat(service.as("auditor-1", "AUDITOR")
                            .get(REBUILDS + "/{id}", PROJECTION, id)
                            .status())
                    .isEqualTo(200);
            assertThat(schemaExists("aima_rebuild_case_summary")).isTrue();

            gate.countDown();

            JsonNode switched = awaitFinished(id);
            assertThat(switched.get("state").asString()).as(switched.toString()).isEqualTo("SWITCHED");
            assertThat(switched.get("liveChecksum").asString())
                    .isEqualTo(switched.get("rebuiltChecksum").asString());
            assertThat(switched.get("differingRows").asLong()).isZero();
            assertThat(switched.get("differences")).isEmpty();
            assertThat(switched.get("tables")).hasSize(2);
            switched.get("tables").forEach(table -> {
                assertThat(table.get("liveRows").asLong())
                        .isEqualTo(table.get("rebuiltRows").asLong());
                assertThat(table.get("liveChecksum").asString())
                        .isEqualTo(table.get("rebuiltChecksum").asString());
            });
            assertThat(switched.get("tables").get(0).get("liveRows").asLong()).isGreaterThanOrEqualTo(rowsBefore);
            assertThat(switched.get("position").asLong()).isPositive();
            assertThat(switched.get("eventsApplied").asLong()).isGreaterThanOrEqualTo(rowsBefore * 4);

            // appends go on after the switch: the live processor continues from where both copies were compared
            long afterSwitch = count("case_summary");
            await().atMost(ServiceHarness.PATIENCE).until(() -> count("case_summary") > afterSwitch + 3);
        } finally {
            busy.set(false);
            writer.join();
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(fewestRowsSeen.get())
                .as("a reader never saw fewer rows than before the rebuild (no half-built copy)")
                .isGreaterThanOrEqualTo(rowsBefore);

        awaitLiveCaughtUp();
        assertEveryCaseHasExactlyItsNotes();

        assertThat(oid("case_summary"))
                .as("the live table is the rebuilt copy now")
                .isNotEqualTo(liveOid);
        assertThat(projectedAt(flagged))
                .as("the clock-filled column differs in the copy; it was left out of the comparison")
                .isNotEqualTo(projectedBefore);
        assertThat(indexes("case_summary")).contains("case_summary_pkey", "case_summary_applicant");
        assertThat(indexes("case_note")).contains("case_note_case");
        assertThat(constraintReferences("case_flag_case"))
                .as("the foreign key from outside follows the swap")
                .isEqualTo(oid("case_summary"));
        assertThat(constraintReferences("case_note_case_id_fkey")).isEqualTo(oid("case_summary"));
        assertThatThrownBy(() -> jdbc().sql("insert into case_flag (case_id, flag) values (:id, 'ghost')")
                        .param("id", UUID.randomUUID())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc().sql("update case_summary set notes = -1 where case_id = :id")
                        .param("id", flagged)
                        .update())
                .as("the check constraint came along")
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(schemaExists("aima_rebuild_case_summary")).isFalse();
        assertThat(schemaExists("aima_retired_case_summary")).isFalse();

        String id = latestRebuildId();
        assertThat(service.eventStore().types("projection-rebuild:" + id))
                .containsExactly("ProjectionRebuildStarted", "ProjectionRebuildSwitched");
        assertThat(metaDataOf("projection-rebuild:" + id)).allMatch(metaData -> metaData.contains("operations-1"));
    }

    @Test
    void aDifferencePlantedInTheLiveTableIsReportedAndNothingSwitches() {
        UUID changed = openWithNotes(2);
        UUID lostNotes = openWithNotes(2);
        UUID untouched = openWithNotes(1);
        awaitLiveCaughtUp();
        UUID invented = UUID.randomUUID();
        jdbc().sql("update case_summary set applicant = 'someone else' where case_id = :id")
                .param("id", changed)
                .update();
        jdbc().sql("delete from case_note where case_id = :id")
                .param("id", lostNotes)
                .update();
        jdbc().sql(
                        """
                insert into case_summary (case_id, applicant, notes, updated_at, last_sequence)
                values (:id, 'nobody', 0, now(), 0)
                """)
                .param("id", invented)
                .update();
        long liveOid = oid("case_summary");
        try {
            Response started = operations().post(REBUILDS, reason("check the live table"), PROJECTION);
            assertThat(started.status()).isEqualTo(202);
            String id = started.body().get("id").asString();

            JsonNode refused = awaitFinished(id);
            assertThat(refused.get("state").asString()).as(refused.toString()).isEqualTo("DIFFERENT");
            assertThat(refused.get("liveChecksum").asString())
                    .isNotEqualTo(refused.get("rebuiltChecksum").asString());
            assertThat(refused.get("differingRows").asLong()).isEqualTo(4);
            List<String> differences = StreamSupport.stream(
                            refused.get("differences").spliterator(), false)
                    .map(difference -> difference.get("table").asString() + " "
                            + difference.get("kind").asString() + " "
                            + difference.get("key").asString() + " "
                            + difference.get("columns"))
                    .toList();
            assertThat(differences)
                    .containsExactlyInAnyOrder(
                            "case_summary DIFFERENT case_id=" + changed + " [\"applicant\"]",
                            "case_summary ONLY_IN_LIVE case_id=" + invented + " []",
                            "case_note ONLY_IN_REBUILT case_id=" + lostNotes + " []",
                            "case_note ONLY_IN_REBUILT case_id=" + lostNotes + " []");

            assertThat(oid("case_summary")).as("nothing switched").isEqualTo(liveOid);
            assertThat(applicant(changed)).isEqualTo("someone else");
            assertThat(schemaExists("aima_rebuild_case_summary")).isFalse();
            assertThat(service.eventStore().types("projection-rebuild:" + id))
                    .containsExactly("ProjectionRebuildStarted", "ProjectionRebuildRefused");

            // the live processor runs again
            UUID later = openWithNotes(1);
            await().atMost(ServiceHarness.PATIENCE).until(() -> notesOf(later) == 1);
            assertThat(notesOf(untouched)).isEqualTo(1);
        } finally {
            jdbc().sql("update case_summary set applicant = 'applicant' where case_id = :id")
                    .param("id", changed)
                    .update();
            jdbc().sql("delete from case_summary where case_id = :id")
                    .param("id", invented)
                    .update();
            for (int position = 1; position <= 2; position++) {
                jdbc().sql("insert into case_note (case_id, position, text) values (:id, :position, 'note')")
                        .param("id", lostNotes)
                        .param("position", position)
                        .update();
            }
        }
    }

    @Test
    void onlyProjectionsWithTablesAreRebuiltAndOnlyByOperations() {
        Response relay = operations().post(REBUILDS, reason("?"), KafkaEventRelay.PROCESSING_GROUP);
        assertThat(relay.status()).isEqualTo(409);
        assertThat(relay.problem().rule()).isEqualTo("PROJECTION_NOT_REBUILDABLE");
        assertThat(operations()
                        .post(REBUILDS, reason("?"), "no-such-projection")
                        .status())
                .isEqualTo(404);
        assertThat(operations()
                        .get(REBUILDS + "/{id}", PROJECTION, UUID.randomUUID())
                        .status())
                .isEqualTo(404);
        assertThat(operations().post(REBUILDS, "{}", PROJECTION).status()).isEqualTo(400);
        assertThat(service.as("auditor-1", "AUDITOR")
                        .post(REBUILDS, reason("?"), PROJECTION)
                        .status())
                .isEqualTo(403);
        assertThat(service.as("caseworker-1", "CASEWORKER")
                        .get(REBUILDS, PROJECTION)
                        .status())
                .isEqualTo(403);
        assertThat(service.spring().getBean(ProjectionRebuilds.class).rebuildable())
                .singleElement()
                .satisfies(projection -> {
                    assertThat(projection.name()).isEqualTo(PROJECTION);
                    assertThat(projection.tableNames()).containsExactly("case_summary", "case_note");
                    assertThat(projection.notCompared()).containsExactly("projected_at");
                });
    }

    private UUID openWithNotes(int count) {
        UUID caseId = UUID.randomUUID();
        CommandGateway commands = service.spring().getBean(CommandGateway.class);
        commands.sendAndWait(new CaseFile.Open(caseId, "applicant"));
        notes.put(caseId, 0);
        for (int i = 1; i <= count; i++) {
            commands.sendAndWait(new CaseFile.Note(caseId, "note"));
            notes.put(caseId, i);
        }
        return caseId;
    }

    private void assertEveryCaseHasExactlyItsNotes() {
        for (Map.Entry<UUID, Integer> expected : notes.entrySet()) {
            assertThat(notesOf(expected.getKey()))
                    .as("notes of " + expected.getKey())
                    .isEqualTo(expected.getValue());
            assertThat(jdbc().sql("select count(*) from case_note where case_id = :id")
                            .param("id", expected.getKey())
                            .query(Long.class)
                            .single())
                    .as("note rows of " + expected.getKey())
                    .isEqualTo((long) expected.getValue());
        }
    }

    private static void awaitLiveCaughtUp() {
        ProjectionMonitor monitor = service.spring().getBean(ProjectionMonitor.class);
        await().atMost(ServiceHarness.PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> monitor.refresh().stream()
                                .filter(lag -> lag.name().equals(PROJECTION))
                                .findFirst()
                                .map(ProjectionLag::lagEvents)
                                .orElseThrow()
                        == 0);
    }

    private static JsonNode awaitFinished(String id) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> rebuild(id), rebuild -> !List.of("RUNNING", "CAUGHT_UP")
                        .contains(rebuild.get("state").asString()));
    }

    private static JsonNode rebuild(String id) {
        Response response = operations().get(REBUILDS + "/{id}", PROJECTION, id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static String latestRebuildId() {
        Response list = operations().get(REBUILDS, PROJECTION);
        assertThat(list.status()).isEqualTo(200);
        return list.body().get(0).get("id").asString();
    }

    private static Map<String, String> reason(String reason) {
        return Map.of("reason", reason);
    }

    private static int notesOf(UUID caseId) {
        return jdbc().sql("select notes from case_summary where case_id = :id")
                .param("id", caseId)
                .query(Integer.class)
                .optional()
                .orElse(-1);
    }

    private static String applicant(UUID caseId) {
        return jdbc().sql("select applicant from case_summary where case_id = :id")
                .param("id", caseId)
                .query(String.class)
                .single();
    }

    private static String projectedAt(UUID caseId) {
        return jdbc().sql("select projected_at::text from case_summary where case_id = :id")
                .param("id", caseId)
                .query(String.class)
                .single();
    }

    private static long count(String table) {
        return jdbc().sql("select count(*) from " + table).query(Long.class).single();
    }

    private static long oid(String table) {
        return jdbc().sql("select cast(:table as regclass)::oid::bigint")
                .param("table", table)
                .query(Long.class)
                .single();
    }

    private static List<String> indexes(String table) {
        return jdbc().sql("select indexname from pg_indexes where schemaname = current_schema() and tablename = :t")
                .param("t", table)
                .query(String.class)
                .list();
    }

    private static long constraintReferences(String constraint) {
        return jdbc().sql("select confrelid::bigint from pg_constraint where conname = :name")
                .param("name", constraint)
                .query(Long.class)
                .single();
    }

    private static boolean schemaExists(String schema) {
        return jdbc().sql("select exists (select 1 from pg_namespace where nspname = :schema)")
                .param("schema", schema)
                .query(Boolean.class)
                .single();
    }

    private static List<String> metaDataOf(String stream) {
        return jdbc().sql(
                        "select convert_from(meta_data, 'UTF8') from domain_event_entry where aggregate_identifier = :id")
                .param("id", stream)
                .query(String.class)
                .list();
    }

    private static Caller operations() {
        return service.as("operations-1", "OPERATIONS");
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(service.spring().getBean(DataSource.class));
    }
}

package pt.aima.platform.gaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.fixture.opsapp.Ledger;
import pt.aima.fixture.opsapp.LedgerProjection;
import pt.aima.fixture.opsapp.OperationsTestApplication;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.relay.KafkaEventRelay;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * The gap-timeout loss, forced: a transaction takes a global index and stays open while the relay and a projection,
 * running more than the gap timeout behind, read past it; it commits afterwards. The detector reports the event each
 * processor skipped (list, health, gauge), and a republish has the relay publish it and the projection apply it.
 */
@SpringBootTest(
        classes = OperationsTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=" + OperationsTestApplication.SERVICE,
            "aima.service.name=" + OperationsTestApplication.SERVICE,
            "aima.service.consumes=" + OperationsTestApplication.TOPIC,
            "spring.flyway.locations=classpath:db/platform,classpath:db/opsapp",
            "axon.eventhandling.processors.ledger-view.mode=pooled",
            "axon.eventhandling.processors.ledger-view.initial-segment-count=2",
            "axon.eventhandling.processors.ledger-view.thread-count=2",
            "axon.eventhandling.processors.ledger-view.batch-size=10",
            "axon.eventhandling.processors.ledger-view.dlq.enabled=true",
            "aima.operations.dead-letter-refresh=1s",
            "aima.operations.skipped-event-check=200ms"
        })
class SkippedEventsIT {

    private static final String PROJECTION = OperationsTestApplication.PROJECTION;
    private static final String RELAY = KafkaEventRelay.PROCESSING_GROUP;
    private static final Duration GAP_TIMEOUT = Duration.ofMillis(OperationsTestApplication.GAP_TIMEOUT_MILLIS);

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_skipped_events_it");
    }

    @Test
    void anEventCommittedAfterTheProcessorsGaveUpWaitingIsReportedAndRepublished() throws Exception {
        CaseId before = CaseId.newId();
        operations().post("/ledger/{id}", null, before);
        awaitHandledByBoth(before);

        EventProcessor projection = processor(PROJECTION);
        EventProcessor relay = processor(RELAY);
        projection.shutDown();
        relay.shutDown();

        CaseId late = CaseId.newId();
        CaseId after = CaseId.newId();
        long lateIndex;
        long remarkIndex;
        try (Connection slow = dataSource().getConnection()) {
            slow.setAutoCommit(false);
            lateIndex = append(slow, late);
            // in the same late transaction, an event neither processor has a handler for
            remarkIndex = append(slow, late, 1, new Ledger.Annotated(late.toString(), "kept inside"));

            operations().post("/ledger/{id}", null, after);
            Instant afterWritten = timestampOf(after);
            assertThat(globalIndexOf(after)).isGreaterThan(lateIndex);
            // The processors come back more than the gap timeout behind the event after the open transaction's.
            await().atMost(ServiceHarness.PATIENCE).until(() -> Instant.now()
                    .isAfter(afterWritten.plus(GAP_TIMEOUT).plusMillis(200)));
            projection.start();
            relay.start();
            awaitHandledByBoth(after);
            await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
                assertThat(state(PROJECTION, lateIndex, true)).contains("WATCHING");
                assertThat(state(RELAY, lateIndex, true)).contains("WATCHING");
            });

            slow.commit();
        }

        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
            assertThat(state(PROJECTION, lateIndex, false)).contains("SKIPPED");
            assertThat(state(RELAY, lateIndex, false)).contains("SKIPPED");
        });
        assertThat(state(PROJECTION, remarkIndex, false))
                .as("passing an event it has no handler for loses nothing")
                .isEmpty();
        assertThat(state(RELAY, remarkIndex, false))
                .as("the relay passes events kept inside by without handling them")
                .isEmpty();
        JsonNode skipped = entry(PROJECTION, lateIndex, false).orElseThrow();
        assertThat(skipped.get("aggregateIdentifier").asString()).isEqualTo(late.toString());
        assertThat(skipped.get("eventType").asString()).endsWith("Recorded");
        assertThat(projection().note(late.toString()))
                .as("the projection never applied it")
                .isEmpty();
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
            JsonNode health = health("skippedEvents");
            assertThat(health.get("status").asString()).isEqualTo("DEGRADED");
            assertThat(health.get("details").get("skipped").get(PROJECTION).asLong())
                    .isEqualTo(1);
            assertThat(gauge("aima.skipped.events", "processor:" + PROJECTION)).isEqualTo(1.0);
            assertThat(gauge("aima.skipped.events", "processor:" + RELAY)).isEqualTo(1.0);
        });
        assertThat(service.as("auditor-1", "AUDITOR")
                        .get("/operations/skipped-events")
                        .status())
                .isEqualTo(200);

        String republish = "/operations/skipped-events/{processor}/{index}/republish";
        assertThat(service.as("auditor-1", "AUDITOR")
                        .post(republish, reason("audit"), PROJECTION, lateIndex)
                        .status())
                .isEqualTo(403);
        assertThat(operations().post(republish, "{}", PROJECTION, lateIndex).status())
                .isEqualTo(400);

        Response repaired = operations().post(republish, reason("gap timeout loss"), PROJECTION, lateIndex);
        assertThat(repaired.status()).isEqualTo(200);
        assertThat(repaired.body().get("state").asString()).isEqualTo("REPUBLISHED");
        assertThat(projection().note(late.toString())).contains("noted");

        Response twice = operations().post(republish, reason("again"), PROJECTION, lateIndex);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.problem().rule()).isEqualTo("SKIPPED_EVENT_ALREADY_REPUBLISHED");

        assertThat(operations()
                        .post(republish, reason("gap timeout loss"), RELAY, lateIndex)
                        .status())
                .isEqualTo(200);
        var published = service.kafka().awaitPublished(Topics.DOCUMENT_EVENTS, late, "DocumentChecklistCompleted");
        assertThat(published.caseId()).isEqualTo(late);

        assertThat(service.eventStore().types("skipped-event:" + PROJECTION + ":" + lateIndex))
                .singleElement()
                .satisfies(type -> assertThat(type).endsWith("SkippedEventRepublished"));
        assertThat(jdbc().sql("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                                + "where aggregate_identifier = :id")
                        .param("id", "skipped-event:" + PROJECTION + ":" + lateIndex)
                        .query(String.class)
                        .single())
                .contains("operations-1");
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> assertThat(
                        health("skippedEvents").get("status").asString())
                .isEqualTo("UP"));
        assertThat(operations()
                        .post(republish, reason("?"), PROJECTION, lateIndex + 1000)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anIndexWhoseTransactionRolledBackIsWatchedButNeverReported() throws Exception {
        CaseId first = CaseId.newId();
        operations().post("/ledger/{id}", null, first);
        awaitHandledByBoth(first);
        // Both stop: while one runs, the event store's shared reader keeps serving the other recent events with the
        // tokens it computed when they were new.
        EventProcessor projection = processor(PROJECTION);
        EventProcessor relay = processor(RELAY);
        projection.shutDown();
        relay.shutDown();

        long rolledBack;
        try (Connection aborted = dataSource().getConnection()) {
            aborted.setAutoCommit(false);
            rolledBack = append(aborted, CaseId.newId());
            aborted.rollback();
        }
        CaseId next = CaseId.newId();
        operations().post("/ledger/{id}", null, next);
        Instant nextWritten = timestampOf(next);
        await().atMost(ServiceHarness.PATIENCE)
                .until(() -> Instant.now().isAfter(nextWritten.plus(GAP_TIMEOUT).plusMillis(200)));
        projection.start();
        relay.start();
        awaitHandledByBoth(next);

        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> assertThat(state(PROJECTION, rolledBack, true))
                .contains("WATCHING"));
        SkippedEventDetector detector = service.spring().getBean(SkippedEventDetector.class);
        assertThat(detector.check()).noneMatch(event -> event.globalIndex() == rolledBack);
        assertThat(state(PROJECTION, rolledBack, true)).contains("WATCHING");
        assertThat(state(PROJECTION, rolledBack, false))
                .as("not in the list of skipped events")
                .isEmpty();
        assertThat(health("skippedEvents").get("status").asString()).isEqualTo("UP");
    }

    private static void awaitHandledByBoth(CaseId caseId) {
        await().atMost(ServiceHarness.PATIENCE).until(() -> projection().note(caseId.toString()), Optional::isPresent);
        service.kafka().awaitPublished(Topics.DOCUMENT_EVENTS, caseId, "DocumentChecklistCompleted");
    }

    /** Appends a Recorded event for {@code caseId} in the connection's open transaction; answers its global index. */
    private static long append(Connection connection, CaseId caseId) throws Exception {
        return append(
                connection,
                caseId,
                0,
                new Ledger.Recorded(caseId.toString(), "noted", "Late Person", "late@example.pt"));
    }

    private static long append(Connection connection, CaseId caseId, long sequence, Object event) throws Exception {
        Serializer serializer = service.spring().getBean("eventSerializer", Serializer.class);
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.emptyInstance(), byte[].class);
        try (PreparedStatement insert = connection.prepareStatement(
                """
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    payload_type, payload_revision, payload, meta_data, time_stamp)
                values (?, ?, ?, 'Ledger', ?, ?, ?, ?, ?) returning global_index
                """)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, caseId.toString());
            insert.setLong(3, sequence);
            insert.setString(4, payload.getType().getName());
            insert.setString(5, payload.getType().getRevision());
            insert.setBytes(6, payload.getData());
            insert.setBytes(7, metaData.getData());
            insert.setString(8, Instant.now().toString());
            try (ResultSet index = insert.executeQuery()) {
                index.next();
                return index.getLong(1);
            }
        }
    }

    private static Optional<String> state(String processor, long index, boolean watching) {
        return entry(processor, index, watching).map(entry -> entry.get("state").asString());
    }

    private static Optional<JsonNode> entry(String processor, long index, boolean watching) {
        Response list = operations().get("/operations/skipped-events?watching={watching}", watching);
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.body().spliterator(), false)
                .filter(entry -> processor.equals(entry.get("processor").asString())
                        && entry.get("globalIndex").asLong() == index)
                .findFirst();
    }

    private static Instant timestampOf(CaseId caseId) {
        return Instant.parse(jdbc().sql("select time_stamp from domain_event_entry where aggregate_identifier = :id")
                .param("id", caseId.toString())
                .query(String.class)
                .single());
    }

    private static long globalIndexOf(CaseId caseId) {
        return jdbc().sql("select global_index from domain_event_entry where aggregate_identifier = :id")
                .param("id", caseId.toString())
                .query(Long.class)
                .single();
    }

    private static JsonNode health(String component) {
        Response health = operations().get("/actuator/health");
        assertThat(health.status()).as("DEGRADED still answers 200").isEqualTo(200);
        return health.body().get("components").get(component);
    }

    private static double gauge(String name, String tag) {
        Response metric = operations().get("/actuator/metrics/" + name + "?tag=" + tag);
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        return metric.body().get("measurements").get(0).get("value").asDouble();
    }

    private static EventProcessor processor(String name) {
        return service.spring()
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor(name)
                .orElseThrow();
    }

    private static Caller operations() {
        return service.as("operations-1", "OPERATIONS");
    }

    private static Map<String, String> reason(String reason) {
        return Map.of("reason", reason);
    }

    private static LedgerProjection projection() {
        return service.spring().getBean(LedgerProjection.class);
    }

    private static DataSource dataSource() {
        return service.spring().getBean(DataSource.class);
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }
}

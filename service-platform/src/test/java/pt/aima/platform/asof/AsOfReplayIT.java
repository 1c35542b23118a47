package pt.aima.platform.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.platform.projection.Columns;
import pt.aima.platform.projection.ReadModelTable;

/**
 * A read model as of a past instant, against a real PostgreSQL, on one connection that has prepared the projection's
 * statements on the server already (as a pooled connection of a running service has): the replay answers from the
 * aggregate's events up to the instant, through the projection's own handlers and query, and never touches the live
 * tables.
 */
class AsOfReplayIT {

    private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static final Instant T2 = T1.plusSeconds(3600);

    private static SingleConnectionDataSource connection;
    private static JdbcClient jdbc;
    private static EmbeddedEventStore eventStore;
    private static AsOfReplay replay;
    private static StatusProjection projection;

    record Opened(String caseId, String applicantId) {}

    record StageChanged(String caseId, String stage) {}

    record ItemAdded(String caseId, String item) {}

    /** What a case looks like to a reader. */
    record StatusView(String caseId, String stage, List<String> items) {}

    /** A projection as the services write them: a ReadModelTable row per case and child rows. */
    static final class StatusProjection {

        static final List<String> TABLES = List.of("asof_case", "asof_item");

        private final JdbcClient jdbc;
        private final ReadModelTable cases;

        StatusProjection(JdbcClient jdbc) {
            this.jdbc = jdbc;
            this.cases = ReadModelTable.of(jdbc, "asof_case").withDependents("asof_item");
        }

        @EventHandler
        void on(Opened event, @SequenceNumber long sequence, @Timestamp Instant at) {
            cases.insertIfAbsent(
                    event.caseId(),
                    sequence,
                    at,
                    Columns.set("applicant_id", event.applicantId()).and("stage", "OPENED"));
        }

        @EventHandler
        void on(StageChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
            cases.update(event.caseId(), sequence, at, Columns.set("stage", event.stage()));
        }

        @EventHandler
        void on(ItemAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
            if (cases.advance(event.caseId(), sequence, at)) {
                jdbc.sql("insert into asof_item (case_id, item) values (:caseId, :item)")
                        .param("caseId", event.caseId())
                        .param("item", event.item())
                        .update();
            }
        }

        Optional<StatusView> find(String caseId) {
            return jdbc.sql("select case_id, stage from asof_case where case_id = :caseId")
                    .param("caseId", caseId)
                    .query((rs, row) -> new StatusView(
                            rs.getString("case_id"),
                            rs.getString("stage"),
                            jdbc.sql("select item from asof_item where case_id = :caseId order by item")
                                    .param("caseId", caseId)
                                    .query(String.class)
                                    .list()))
                    .optional();
        }
    }

    /** A projection that writes a table the replay was not given: the replay must refuse, never write it. */
    static final class CarelessProjection {

        private final JdbcClient jdbc;

        CarelessProjection(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(Opened event) {
            jdbc.sql("insert into asof_elsewhere (case_id) values (:caseId)")
                    .param("caseId", event.caseId())
                    .update();
        }
    }

    @BeforeAll
    static void database() {
        DatabaseSettings settings = LocalInfrastructure.shared().createDatabase("platform_as_of_it");
        String url = settings.jdbcUrl() + (settings.jdbcUrl().contains("?") ? "&" : "?") + "prepareThreshold=1";
        connection = new SingleConnectionDataSource(url, settings.username(), settings.password(), true);
        jdbc = JdbcClient.create(connection);
        jdbc.sql("drop table if exists asof_item, asof_case, asof_elsewhere").update();
        jdbc.sql(
                        """
                create table asof_case (case_id varchar(64) primary key, applicant_id varchar(100) not null,
                    stage varchar(30) not null, updated_at timestamptz not null, last_sequence bigint not null)
                """)
                .update();
        jdbc.sql("create table asof_item (case_id varchar(64) not null references asof_case (case_id), item text)")
                .update();
        jdbc.sql("create table asof_elsewhere (case_id varchar(64) primary key)")
                .update();
        eventStore = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        replay = new AsOfReplay(
                new AggregateHistory(eventStore),
                new DataSourceTransactionManager(connection),
                jdbc,
                () -> T2.plusSeconds(86_400));
        projection = new StatusProjection(jdbc);
    }

    @AfterAll
    static void close() {
        eventStore.shutDown();
        connection.destroy();
    }

    @Test
    void answersFromTheEventsUpToTheInstantAndLeavesTheLiveRowsAsTheyAre() throws Exception {
        String caseId = aCaseThroughThreeStages();
        StatusView live = projection.find(caseId).orElseThrow();
        assertThat(live.stage()).isEqualTo("DECIDED");

        assertThat(asOf(caseId, T0.minusMillis(1))).as("before it existed").isEmpty();
        assertThat(asOf(caseId, T0)).contains(new StatusView(caseId, "OPENED", List.of()));
        assertThat(asOf(caseId, T1)).contains(new StatusView(caseId, "DOCUMENTS", List.of("passport")));
        assertThat(asOf(caseId, T1.plusSeconds(1)))
                .as("the same answer between two events")
                .contains(new StatusView(caseId, "DOCUMENTS", List.of("passport")));
        assertThat(asOf(caseId, T2)).contains(live);

        assertThat(projection.find(caseId)).as("the live read model, unchanged").contains(live);
        assertThat(jdbc.sql("select to_regclass('pg_temp.asof_case') is null")
                        .query(Boolean.class)
                        .single())
                .as("no copy left behind on the connection")
                .isTrue();
    }

    @Test
    void isNotConfusedByTheOtherCasesInTheLiveTables() throws Exception {
        String first = aCaseThroughThreeStages();
        String second = aCaseThroughThreeStages();

        assertThat(asOf(second, T1).orElseThrow().caseId()).isEqualTo(second);
        assertThat(asOf(first, T0).orElseThrow().stage()).isEqualTo("OPENED");
        assertThat(projection.find(first).orElseThrow().stage()).isEqualTo("DECIDED");
    }

    @Test
    void refusesAProjectionThatWouldWriteATableItWasNotGiven() throws Exception {
        String caseId = aCaseThroughThreeStages();

        assertThatThrownBy(() -> replay.replay(
                        caseId, T2, new CarelessProjection(jdbc), StatusProjection.TABLES, Optional::empty))
                .hasMessageContaining("read-only transaction");
        assertThat(jdbc.sql("select count(*) from asof_elsewhere")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private Optional<StatusView> asOf(String caseId, Instant at) {
        return replay.replay(caseId, at, projection, StatusProjection.TABLES, () -> projection.find(caseId));
    }

    /** Opened at T0, documents at T1, decided at T2: stored, and projected live (autocommit, like a processor). */
    private static String aCaseThroughThreeStages() throws Exception {
        String caseId = UUID.randomUUID().toString();
        List<GenericDomainEventMessage<?>> events = List.of(
                event(caseId, 0, new Opened(caseId, "applicant-1"), T0),
                event(caseId, 1, new StageChanged(caseId, "DOCUMENTS"), T1.minusSeconds(60)),
                event(caseId, 2, new ItemAdded(caseId, "passport"), T1),
                event(caseId, 3, new StageChanged(caseId, "DECIDED"), T2),
                event(caseId, 4, new ItemAdded(caseId, "decision"), T2));
        eventStore.publish(events);
        AnnotationEventHandlerAdapter live = new AnnotationEventHandlerAdapter(projection);
        for (GenericDomainEventMessage<?> event : events) {
            live.handle(event);
        }
        return caseId;
    }

    private static <T> GenericDomainEventMessage<T> event(String caseId, long sequence, T payload, Instant at) {
        return new GenericDomainEventMessage<>(
                "Case", caseId, sequence, payload, Map.of(), UUID.randomUUID().toString(), at);
    }
}

package pt.aima.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.platform.eventstore.PostgresEventStorage;
import pt.aima.platform.eventstore.StoredTypeAudit;
import pt.aima.platform.eventstore.StoredTypeSerializer;
import pt.aima.platform.eventstore.StoredTypes;

/**
 * Rows written before stable names, under the class names the types had then, load after the V200 migration as the
 * classes that carry those names today. The rows are written as the store held them (the class names are spelled
 * out, not taken from the classes, which may have moved since), into a database migrated up to V199; then the
 * remaining migrations run.
 */
class StoredTypeMigrationIT {

    private static final String MIGRATION = "db/service/V200__stable_event_type_names.sql";

    private final DataSource dataSource = dataSource();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final String caseId = UUID.randomUUID().toString();

    private static DataSource dataSource() {
        DatabaseSettings database =
                LocalInfrastructure.shared().createDatabase("application_service_stored_type_migration_it");
        return new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/platform", "classpath:db/service");
    }

    @Test
    void rowsStoredUnderTheOldClassNamesLoadAfterTheMigration() {
        flyway().cleanDisabled(false).load().clean();
        flyway().target(lastVersionBefore("200")).load().migrate();
        String importId = "import-" + UUID.randomUUID();
        long sequence = 0;
        insertEvent(
                caseId,
                sequence++,
                "pt.aima.application.casefile.CaseEvent$ChecklistOpenedRecorded",
                "{\"caseId\":\"" + caseId + "\",\"requiredDocuments\":4}");
        insertEvent(
                caseId,
                sequence++,
                "pt.aima.application.casefile.CaseEvent$ChecklistCompletionRecorded",
                "{\"caseId\":\"" + caseId + "\"}");
        insertEvent(
                importId,
                0,
                "pt.aima.application.backlog.ImportEvent$ImportStarted",
                "{\"importId\":\"" + importId + "\",\"sha256\":\"ab12\",\"sizeBytes\":42}");
        // every other type the migration maps, with an empty payload: what matters is that it resolves
        Map<String, String> renames = StoredTypeAudit.renamesIn(MIGRATION);
        String everyType = UUID.randomUUID().toString();
        long everyTypeSequence = 0;
        for (String className : renames.keySet()) {
            if (className.contains("$")) {
                insertEvent(everyType, everyTypeSequence++, className, "{}");
            }
        }
        insertSnapshot(
                caseId,
                sequence - 1,
                "pt.aima.application.casefile.ReunificationCase",
                "{\"caseId\":\"" + caseId + "\",\"checklistComplete\":true}");
        insertDeadLetter("pt.aima.application.casefile.CaseEvent$ChecklistCompletionRecorded");

        flyway().load().migrate();

        assertThat(jdbc.sql("select payload_type from domain_event_entry where aggregate_identifier = ?")
                        .param(caseId)
                        .query(String.class)
                        .list())
                .containsExactly("application.ChecklistOpenedRecorded", "application.ChecklistCompletionRecorded");
        assertThat(jdbc.sql("select payload_type from snapshot_event_entry where aggregate_identifier = ?")
                        .param(caseId)
                        .query(String.class)
                        .single())
                .isEqualTo("application.ReunificationCase");
        assertThat(jdbc.sql("select payload_type from dead_letter_entry where sequence_identifier = ?")
                        .param(caseId)
                        .query(String.class)
                        .single())
                .isEqualTo("application.ChecklistCompletionRecorded");

        EventStorageEngine engine = engine();
        assertThat(engine.readEvents(caseId, 0).asStream().map(event -> event.getPayload()
                        .toString()))
                .containsExactly(
                        "ChecklistOpenedRecorded[caseId=" + caseId + ", requiredDocuments=4]",
                        "ChecklistCompletionRecorded[caseId=" + caseId + "]");
        assertThat(engine.readEvents(importId, 0).asStream().map(event -> event.getPayload()
                        .toString()))
                .containsExactly("ImportStarted[importId=" + importId + ", sha256=ab12, sizeBytes=42]");
        assertThat(engine.readSnapshot(caseId)
                        .map(snapshot -> snapshot.getPayloadType().getSimpleName()))
                .contains("ReunificationCase");
        StoredTypes types = StoredTypes.scan("pt.aima.application");
        List<Class<?>> expected = renames.entrySet().stream()
                .filter(rename -> rename.getKey().contains("$"))
                .<Class<?>>map(rename -> types.classNamed(rename.getValue()).orElseThrow())
                .toList();
        assertThat(engine.readEvents(everyType, 0).asStream().<Class<?>>map(event -> event.getPayload()
                        .getClass()))
                .as("each old class name loads as the class that carries its logical name today")
                .containsExactlyElementsOf(expected);
    }

    /** The service's last migration before {@code version} (others come and go; V200 is the one under test). */
    private String lastVersionBefore(String version) {
        return Arrays.stream(flyway().load().info().all())
                .map(MigrationInfo::getVersion)
                .filter(candidate -> candidate.compareTo(MigrationVersion.fromVersion(version)) < 0)
                .max(Comparator.naturalOrder())
                .orElseThrow()
                .getVersion();
    }

    private EventStorageEngine engine() {
        StoredTypeSerializer serializer = PostgresEventStorage.serializer(
                PostgresEventStorage.objectMapper(),
                StoredTypes.scan("pt.aima.application"),
                new AnnotationRevisionResolver());
        return PostgresEventStorage.engine(
                dataSource,
                new SpringTransactionManager(new DataSourceTransactionManager(dataSource)),
                serializer,
                serializer,
                NoOpEventUpcaster.INSTANCE,
                SnapshotFilter.allowAll());
    }

    private void insertEvent(String aggregate, long sequence, String payloadType, String json) {
        jdbc.sql(
                        """
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    payload_type, payload_revision, payload, meta_data, time_stamp)
                values (:id, :aggregate, :sequence, 'ReunificationCase', :type, '1', :payload, :meta, '2025-06-01T10:00:00Z')
                """)
                .param("id", UUID.randomUUID().toString())
                .param("aggregate", aggregate)
                .param("sequence", sequence)
                .param("type", payloadType)
                .param("payload", json.getBytes(StandardCharsets.UTF_8))
                .param("meta", "{}".getBytes(StandardCharsets.UTF_8))
                .update();
    }

    private void insertSnapshot(String aggregate, long sequence, String payloadType, String json) {
        jdbc.sql(
                        """
                insert into snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    payload_type, payload_revision, payload, meta_data, time_stamp)
                values (:aggregate, :sequence, 'ReunificationCase', :id, :type, null, :payload, :meta,
                    '2025-06-01T10:00:00Z')
                """)
                .param("aggregate", aggregate)
                .param("sequence", sequence)
                .param("id", UUID.randomUUID().toString())
                .param("type", payloadType)
                .param("payload", json.getBytes(StandardCharsets.UTF_8))
                .param("meta", "{}".getBytes(StandardCharsets.UTF_8))
                .update();
    }

    private void insertDeadLetter(String payloadType) {
        jdbc.sql(
                        """
                insert into dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,
                    message_type, event_identifier, aggregate_identifier, sequence_number, type, payload_type,
                    payload_revision, payload, meta_data, time_stamp, enqueued_at)
                values (:id, 'case-status', :case, 0, 'org.axonframework.eventhandling.GenericDomainEventMessage',
                    :eventId, :case, 1, 'ReunificationCase', :type, '1', :payload, :meta, '2025-06-01T10:00:00Z',
                    now())
                """)
                .param("id", UUID.randomUUID().toString())
                .param("case", caseId)
                .param("eventId", UUID.randomUUID().toString())
                .param("type", payloadType)
                .param("payload", ("{\"caseId\":\"" + caseId + "\"}").getBytes(StandardCharsets.UTF_8))
                .param("meta", "{}".getBytes(StandardCharsets.UTF_8))
                .update();
    }
}

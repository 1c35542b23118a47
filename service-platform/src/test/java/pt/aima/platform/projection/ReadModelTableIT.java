package pt.aima.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;

/**
 * The read-model skeleton against a real PostgreSQL: each aggregate event changes its row once, whatever the
 * redeliveries, and a rebuild from the same events gives the same rows.
 */
class ReadModelTableIT {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static JdbcClient jdbc;
    private static ReadModelTable cases;
    private static ReadModelTable inboxes;

    @BeforeAll
    static void tables() {
        DatabaseSettings settings = LocalInfrastructure.shared().createDatabase("platform_read_model_it");
        jdbc = JdbcClient.create(
                new DriverManagerDataSource(settings.jdbcUrl(), settings.username(), settings.password()));
        jdbc.sql("drop table if exists rm_item, rm_case, rm_inbox").update();
        jdbc.sql(
                        """
                create table rm_case (
                    case_id uuid primary key, applicant_id varchar(100), desk_id varchar(50), stage varchar(30),
                    updated_at timestamptz not null, last_sequence bigint not null)
                """)
                .update();
        jdbc.sql("create table rm_item (case_id uuid not null references rm_case (case_id), name varchar(50))")
                .update();
        jdbc.sql(
                        "create table rm_inbox (case_id uuid primary key, applicant_id varchar(100), last_sequence bigint not null)")
                .update();
        cases = ReadModelTable.of(jdbc, "rm_case").withDependents("rm_item");
        inboxes = ReadModelTable.of(jdbc, "rm_inbox").withoutUpdatedAt();
    }

    @Test
    void anUpsertAppliesEachEventOnceAndNeverGoesBack() {
        UUID caseId = UUID.randomUUID();

        assertThat(cases.upsert(caseId, 3, T0, Columns.set("desk_id", "LISBOA-1")))
                .as("starts the row")
                .isTrue();
        assertThat(cases.upsert(caseId, 3, T0, Columns.set("desk_id", "PORTO-1")))
                .as("redelivery")
                .isFalse();
        assertThat(cases.upsert(caseId, 2, T0, Columns.set("applicant_id", "late")))
                .as("older")
                .isFalse();
        assertThat(cases.upsert(caseId, 4, T0.plusSeconds(60), Columns.set("stage", "SCHEDULED")))
                .isTrue();

        assertThat(row(caseId))
                .containsEntry("desk_id", "LISBOA-1")
                .containsEntry("applicant_id", null)
                .containsEntry("stage", "SCHEDULED")
                .containsEntry("last_sequence", 4L);
        assertThat(cases.find(caseId, (rs, n) -> rs.getObject("updated_at", OffsetDateTime.class)))
                .contains(ReadModelTable.utc(T0.plusSeconds(60)));
    }

    @Test
    void anUpsertClearsAColumnWithNull() {
        UUID caseId = UUID.randomUUID();
        cases.upsert(caseId, 0, T0, Columns.set("desk_id", "LISBOA-1"));
        cases.upsert(caseId, 1, T0, Columns.set("desk_id", null).and("stage", "RELEASED"));
        assertThat(row(caseId)).containsEntry("desk_id", null).containsEntry("stage", "RELEASED");
    }

    @Test
    void theOpeningEventStartsTheRowOnce() {
        UUID caseId = UUID.randomUUID();
        assertThat(cases.insertIfAbsent(caseId, 0, T0, Columns.set("applicant_id", "applicant-1")))
                .isTrue();
        assertThat(cases.insertIfAbsent(caseId, 0, T0, Columns.set("applicant_id", "someone-else")))
                .isFalse();
        assertThat(row(caseId)).containsEntry("applicant_id", "applicant-1");
    }

    @Test
    void anUpdateNeedsTheRowAndANewerEvent() {
        UUID caseId = UUID.randomUUID();
        assertThat(cases.update(caseId, 1, T0, Columns.set("stage", "X")))
                .as("no row yet")
                .isFalse();
        assertThat(cases.lastSequence(caseId)).isEmpty();

        cases.insertIfAbsent(caseId, 0, T0, Columns.none());
        assertThat(cases.update(caseId, 1, T0, Columns.set("stage", "DOCUMENTS_REQUIRED")))
                .isTrue();
        assertThat(cases.update(caseId, 1, T0, Columns.set("stage", "AGAIN"))).isFalse();
        assertThat(cases.advance(caseId, 1, T0)).as("already applied").isFalse();
        assertThat(cases.advance(caseId, 2, T0)).isTrue();
        assertThat(row(caseId)).containsEntry("stage", "DOCUMENTS_REQUIRED").containsEntry("last_sequence", 2L);
    }

    @Test
    void aTableWithoutUpdatedAtWorksTheSame() {
        UUID caseId = UUID.randomUUID();
        assertThat(inboxes.upsert(caseId, 5, T0, Columns.none())).isTrue();
        assertThat(inboxes.upsert(caseId, 6, null, Columns.set("applicant_id", "applicant-9")))
                .isTrue();
        assertThat(inboxes.upsert(caseId, 6, null, Columns.set("applicant_id", "again")))
                .isFalse();
        assertThat(inboxes.lastSequence(caseId)).contains(6L);
    }

    @Test
    void aRebuildWithRedeliveriesGivesTheRowsBuiltLive() {
        List<UUID> caseIds = List.of(UUID.randomUUID(), UUID.randomUUID());
        List<Consumer<ReadModelTable>> history = new ArrayList<>();
        for (UUID caseId : caseIds) {
            history.add(t -> {
                if (t.insertIfAbsent(caseId, 0, T0, Columns.set("applicant_id", "a-" + caseId))) {
                    jdbc.sql("insert into rm_item (case_id, name) values (:id, 'passport')")
                            .param("id", caseId)
                            .update();
                }
            });
            history.add(t -> t.update(caseId, 1, T0.plusSeconds(1), Columns.set("stage", "DOCUMENTS")));
            history.add(t -> t.upsert(caseId, 2, T0.plusSeconds(2), Columns.set("desk_id", "FARO-1")));
            history.add(t -> t.upsert(caseId, 3, T0.plusSeconds(3), Columns.set("desk_id", null)));
        }
        history.forEach(event -> event.accept(cases));
        List<Map<String, Object>> live = rows(caseIds);
        long items = items(caseIds);

        cases.reset();
        assertThat(rows(caseIds)).isEmpty();
        assertThat(items(caseIds)).isZero();
        for (Consumer<ReadModelTable> event : history) {
            event.accept(cases);
            event.accept(cases);
        }

        assertThat(rows(caseIds)).isEqualTo(live);
        assertThat(items(caseIds)).isEqualTo(items).isEqualTo(2);
    }

    @Test
    void columnNamesMustBePlainIdentifiers() {
        assertThatThrownBy(() -> Columns.set("desk_id = null; drop table rm_case; --", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Columns.set("desk_id", "a").and("desk_id", "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadModelTable.of(jdbc, "Case Status")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> row(UUID caseId) {
        return jdbc.sql("select applicant_id, desk_id, stage, last_sequence from rm_case where case_id = :id")
                .param("id", caseId)
                .query()
                .singleRow();
    }

    private static List<Map<String, Object>> rows(List<UUID> caseIds) {
        return jdbc.sql("select * from rm_case where case_id in (:ids) order by case_id")
                .param("ids", caseIds)
                .query()
                .listOfRows();
    }

    private static long items(List<UUID> caseIds) {
        return jdbc.sql("select count(*) from rm_item where case_id in (:ids)")
                .param("ids", caseIds)
                .query(Long.class)
                .single();
    }
}

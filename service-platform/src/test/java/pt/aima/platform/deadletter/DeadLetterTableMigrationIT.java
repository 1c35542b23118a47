package pt.aima.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;

/**
 * The dead letters' table moved from Axon's JPA queue to its JDBC queue (V1_42): a letter parked before keeps its times
 * and is read and evicted by the JDBC queue; a letter the JDBC queue parks now is stored in the same form and
 * a cause longer than the JPA column's 1,023 characters is kept whole. Against a real PostgreSQL with the platform's
 * schema, migrated the way a running service's database is.
 */
class DeadLetterTableMigrationIT {

    private static final String GROUP = "ledger-view";

    private static DataSource dataSource;
    private static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        DatabaseSettings database = LocalInfrastructure.shared().createDatabase("platform_dead_letter_table_it");
        dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        jdbc = JdbcClient.create(dataSource);
        flyway().cleanDisabled(false).load().clean();
        flyway().target("1.41").load().migrate();
        // a letter as Axon's JPA queue stored it: its times in timestamptz columns
        jdbc.sql(
                        """
                insert into dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,
                    message_type, event_identifier, payload_type, payload, meta_data, time_stamp, enqueued_at,
                    last_touched, cause_type, cause_message, diagnostics)
                values ('parked-by-jpa', :group, 'case-1', 0, 'org.axonframework.eventhandling.GenericEventMessage',
                    :eventId, 'java.lang.String', :payload, :meta, '2026-03-02T09:59:59.000Z',
                    timestamptz '2026-03-02 10:00:00.123456+00', timestamptz '2026-03-02 11:00:00+01',
                    'java.lang.IllegalStateException', 'projection failed', :meta)
                """)
                .param("group", GROUP)
                .param("eventId", UUID.randomUUID().toString())
                .param("payload", "\"noted\"".getBytes(StandardCharsets.UTF_8))
                .param("meta", "{}".getBytes(StandardCharsets.UTF_8))
                .update();
        flyway().load().migrate();
    }

    private static FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/platform");
    }

    private static JdbcSequencedDeadLetterQueue<EventMessage<?>> queue() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(GROUP)
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactions)
                .schema(ProcessingGroupDeadLetters.schema())
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .build();
    }

    @Test
    void aLetterParkedByTheJpaQueueKeepsItsTimesAndIsReadAndEvictedByTheJdbcQueue() {
        assertThat(jdbc.sql(
                                "select enqueued_at, last_touched from dead_letter_entry where dead_letter_id = 'parked-by-jpa'")
                        .query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
                        .single())
                .containsExactly("2026-03-02T10:00:00.123Z", "2026-03-02T10:00:00.000Z");

        var queue = queue();
        List<DeadLetter<? extends EventMessage<?>>> sequence = StreamSupport.stream(
                        queue.deadLetterSequence("case-1").spliterator(), false)
                .toList();
        assertThat(sequence).hasSize(1);
        DeadLetter<? extends EventMessage<?>> letter = sequence.get(0);
        assertThat(letter.enqueuedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00.123Z"));
        assertThat(letter.lastTouched()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(letter.cause().orElseThrow().message()).isEqualTo("projection failed");
        assertThat(letter.message().getPayload()).isEqualTo("noted");

        queue.evict(letter);
        assertThat(jdbc.sql("select count(*) from dead_letter_entry where dead_letter_id = 'parked-by-jpa'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aLetterTheJdbcQueueParksIsStoredInTheSameFormAndKeepsALongCauseWhole() {
        var queue = queue();
        String longCause = "x".repeat(2_000);
        queue.enqueue(
                "case-2",
                new GenericDeadLetter<>(
                        "case-2", GenericEventMessage.asEventMessage("second"), new IllegalStateException(longCause)));

        assertThat(jdbc.sql(
                                "select enqueued_at, cause_message from dead_letter_entry where sequence_identifier = 'case-2'")
                        .query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
                        .single())
                .satisfies(row -> {
                    assertThat(row.get(0)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
                    assertThat(row.get(1)).isEqualTo(longCause);
                });
        assertThat(queue.contains("case-2")).isTrue();
        assertThat(queue.deadLetterSequence("case-2")
                        .iterator()
                        .next()
                        .message()
                        .getPayload())
                .isEqualTo("second");
    }
}

package pt.aima.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.eventstore.StoredTypes;

/**
 * The event store the platform gives every service, on a real PostgreSQL: plain JDBC on the Flyway schema, payloads
 * in {@code bytea}, global indexes one apart from the sequence, and a second writer of the same aggregate position
 * refused as a concurrency conflict rather than a storage failure; events and snapshots stored under their logical
 * names, not their class names.
 */
@SpringBootTest
class EventStoreIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "application_service_event_store_it");
    }

    @Autowired
    EventStorageEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    StoredTypes storedTypes;

    record Noted(String what) {}

    private static GenericDomainEventMessage<Noted> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Probe", aggregate, sequence, new Noted("probe " + sequence));
    }

    private void append(GenericDomainEventMessage<?>... events) {
        transaction.executeWithoutResult(status -> engine.appendEvents(List.of(events)));
    }

    @Test
    void eventsAreWrittenThroughJdbcWithConsecutiveGlobalIndexesAndByteaPayloads() {
        assertThat(engine).isInstanceOf(JdbcEventStorageEngine.class);
        String aggregate = UUID.randomUUID().toString();
        append(event(aggregate, 0), event(aggregate, 1));
        append(event(aggregate, 2));

        List<Long> indexes = jdbc.sql(
                        "select global_index from domain_event_entry where aggregate_identifier = ? order by sequence_number")
                .param(aggregate)
                .query(Long.class)
                .list();
        assertThat(indexes).hasSize(3);
        assertThat(indexes.get(1) - indexes.get(0)).isEqualTo(1);
        assertThat(indexes.get(2)).isGreaterThan(indexes.get(1));
        assertThat(engine.readEvents(aggregate).asStream().map(e -> ((Noted) e.getPayload()).what()))
                .containsExactly("probe 0", "probe 1", "probe 2");
        assertThat(jdbc.sql(
                                """
                        select distinct data_type from information_schema.columns
                        where table_name in ('domain_event_entry', 'snapshot_event_entry')
                          and column_name in ('payload', 'meta_data')
                        """)
                        .query(String.class)
                        .list())
                .containsExactly("bytea");
    }

    @Test
    void aSecondWriterOfTheSamePositionIsAConcurrencyConflict() {
        String aggregate = UUID.randomUUID().toString();
        append(event(aggregate, 0), event(aggregate, 1));

        assertThatThrownBy(() -> append(event(aggregate, 0))).isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> append(event(aggregate, 1))).isInstanceOf(ConcurrencyException.class);
        assertThat(jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?")
                        .param(aggregate)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void eventsAndSnapshotsAreStoredUnderTheirLogicalNames() throws ReflectiveOperationException {
        CaseId caseId = CaseId.newId();
        // the types by their logical names, as the store finds them, wherever their classes live
        Object completed = storedTypes
                .classNamed("application.ChecklistCompletionRecorded")
                .orElseThrow()
                .getDeclaredConstructor(CaseId.class)
                .newInstance(caseId);
        Constructor<?> emptyCase = storedTypes
                .classNamed("application.ReunificationCase")
                .orElseThrow()
                .getDeclaredConstructor();
        emptyCase.setAccessible(true);
        append(new GenericDomainEventMessage<>("ReunificationCase", caseId.toString(), 0, completed));
        transaction.executeWithoutResult(status -> engine.storeSnapshot(
                new GenericDomainEventMessage<>("ReunificationCase", caseId.toString(), 0, newInstance(emptyCase))));

        assertThat(jdbc.sql("select payload_type || ' ' || payload_revision from domain_event_entry"
                                + " where aggregate_identifier = ?")
                        .param(caseId.toString())
                        .query(String.class)
                        .single())
                .isEqualTo("application.ChecklistCompletionRecorded 1");
        assertThat(jdbc.sql("select payload_type from snapshot_event_entry where aggregate_identifier = ?")
                        .param(caseId.toString())
                        .query(String.class)
                        .single())
                .isEqualTo("application.ReunificationCase");
        assertThat(engine.readEvents(caseId.toString(), 0).asStream().<Object>map(event -> event.getPayload()))
                .containsExactly(completed);
        assertThat(engine.readSnapshot(caseId.toString()).orElseThrow().getPayloadType())
                .isEqualTo(emptyCase.getDeclaringClass());
    }

    private static Object newInstance(Constructor<?> constructor) {
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

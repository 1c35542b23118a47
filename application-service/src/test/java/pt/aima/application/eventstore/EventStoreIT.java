package pt.aima.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.application.casefile.CaseCommand.RecordChecklistCompleted;
import pt.aima.application.casefile.CaseEvent.ApplicationSubmitted;
import pt.aima.application.casefile.CaseEvent.ChecklistCompletionRecorded;
import pt.aima.application.casefile.CaseEvent.Contact;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.Sponsor;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.eventstore.StoredTypes;
import pt.aima.platform.testing.harness.ServiceHarness;

/**
 * The event store the platform gives every service, on a real PostgreSQL: plain JDBC on the Flyway schema, payloads
 * in {@code bytea}, global indexes one apart from the sequence, and a second writer of the same aggregate position
 * refused as a concurrency conflict rather than a storage failure; events and snapshots stored under their logical
 * names, not their class names. The stored rows are read through the platform's {@link ServiceHarness} probe.
 */
@SpringBootTest
class EventStoreIT {

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

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
    @Qualifier("eventSerializer")
    Serializer events;

    @Autowired
    CommandGateway commands;

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
        assertThat(service.eventStore().types(aggregate)).containsExactly("Noted", "Noted", "Noted");
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
        assertThat(service.eventStore().count(aggregate)).isEqualTo(2);
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

    /**
     * {@code region} was added to the stored ApplicationSubmitted without an upcaster or a new revision: Axon's
     * Jackson mapper reads a missing record component as null. An event stored before (the same JSON without the
     * field, revision 1) is read back whole with no region, and its case still loads and takes commands.
     */
    @Test
    void anApplicationSubmittedStoredBeforeRegionsLoadsWithoutARegion() throws Exception {
        CaseId caseId = CaseId.newId();
        ApplicationSubmitted today = new ApplicationSubmitted(
                caseId,
                "applicant-old",
                LocalDate.of(2025, 6, 2),
                new Sponsor("Ana Sponsor", "AR-123456"),
                List.of(new Member(
                        MemberId.newId(),
                        "Rui Child",
                        Relationship.MINOR_CHILD,
                        LocalDate.of(2015, 3, 1),
                        "BRA",
                        true)),
                new Contact("ana@example.org", null, "pt"),
                null,
                null,
                Region.FARO);
        SerializedObject<byte[]> serialized = events.serialize(today, byte[].class);
        ObjectMapper json = new ObjectMapper();
        ObjectNode payload = (ObjectNode) json.readTree(serialized.getData());
        assertThat(payload.remove("region").asText())
                .as("today's events store the region")
                .isEqualTo("FARO");
        jdbc.sql(
                        """
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                payload_type, payload_revision, payload, meta_data, time_stamp)
                values (:id, :aggregate, 0, 'ReunificationCase', :payloadType, :revision, :payload, :metaData, :at)
                """)
                .param("id", UUID.randomUUID().toString())
                .param("aggregate", caseId.toString())
                .param("payloadType", serialized.getType().getName())
                .param("revision", serialized.getType().getRevision())
                .param("payload", json.writeValueAsBytes(payload))
                .param(
                        "metaData",
                        json.writeValueAsBytes(java.util.Map.of(
                                ActingContext.ACTOR_SUBJECT, "applicant-old",
                                ActingContext.ACTOR_ROLE, "APPLICANT",
                                ActingContext.CORRELATION_ID, service.correlationId(),
                                ActingContext.CAUSATION_ID, "before-regions")))
                .param("at", Instant.now().toString())
                .update();
        assertThat(serialized.getType().getRevision()).isEqualTo("1");

        List<? extends DomainEventMessage<?>> stored =
                engine.readEvents(caseId.toString()).asStream().toList();
        assertThat(stored).singleElement().satisfies(event -> assertThat(event.getPayload())
                .isEqualTo(new ApplicationSubmitted(
                        today.caseId(),
                        today.applicantId(),
                        today.submittedOn(),
                        today.sponsor(),
                        today.members(),
                        today.contact(),
                        null,
                        null,
                        null)));

        commands.sendAndWait(new RecordChecklistCompleted(caseId));
        assertThat(engine.readEvents(caseId.toString()).asStream().map(DomainEventMessage::getPayload))
                .last()
                .isEqualTo(new ChecklistCompletionRecorded(caseId));
    }
}

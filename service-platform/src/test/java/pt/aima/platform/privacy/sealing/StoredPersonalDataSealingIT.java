package pt.aima.platform.privacy.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import pt.aima.platform.eventstore.PostgresEventStorage;
import pt.aima.platform.eventstore.StoredAs;
import pt.aima.platform.eventstore.StoredTypeSerializer;
import pt.aima.platform.eventstore.StoredTypes;
import pt.aima.platform.integrity.Checkpointer;
import pt.aima.platform.integrity.Finding;
import pt.aima.platform.integrity.IntegrityReport;
import pt.aima.platform.integrity.IntegrityVerifier;
import pt.aima.platform.integrity.PublishedCheckpoints;
import pt.aima.platform.integrity.Reseal;
import pt.aima.platform.integrity.SigningKey;
import pt.aima.platform.privacy.DataSubject;
import pt.aima.platform.privacy.Personal;
import pt.aima.platform.privacy.PersonalDataKeys;
import pt.aima.platform.testing.integrity.EventStoreDatabase;

/**
 * Events stored before their personal fields were encrypted, against a real PostgreSQL: the sweep encrypts them in
 * place under their subject's key (or, for an erased subject, under a key thrown away), the store still verifies
 * against the checkpoints signed before, through the signed reseal statements, and no one without the signing key can
 * pass a change off as a reseal.
 */
class StoredPersonalDataSealingIT {

    @StoredAs("sealing.Registered")
    @Revision("1")
    record Registered(
            String caseId,
            @DataSubject String applicantId,
            @Personal String fullName,
            String region,
            List<Member> members) {

        Registered(String caseId, String applicantId, String fullName, String region) {
            this(caseId, applicantId, fullName, region, List.of(new Member("Rui " + fullName, "CHILD")));
        }
    }

    record Member(@Personal String fullName, String relationship) {}

    @StoredAs("sealing.Decided")
    @Revision("1")
    record Decided(String caseId, String outcome) {}

    /** What staff typed about the case, under the case's key. */
    @StoredAs("sealing.Reasoned")
    @Revision("1")
    record Reasoned(@DataSubject(indirect = true) String caseId, @Personal String reasoning) {}

    private static final byte[] KEY_ENCRYPTION_KEY = new byte[32];
    private static final String SERVICE = "sealing-it";

    private final SigningKey key = SigningKey.generate();
    private final EventStoreDatabase store = EventStoreDatabase.create("sealing_it");
    private final TransactionManager transactions =
            new SpringTransactionManager(new DataSourceTransactionManager(store.dataSource()));
    private final StoredTypes types = StoredTypes.of(Registered.class, Decided.class, Reasoned.class);
    private final ObjectMapper json = PostgresEventStorage.objectMapper();
    private final PersonalDataKeys keys = PersonalDataKeys.inCurrentSchema(store.jdbc(), KEY_ENCRYPTION_KEY);
    /** How the store was written before personal fields were encrypted. */
    private final EventStorageEngine clear =
            engine(PostgresEventStorage.serializer(json, types, new AnnotationRevisionResolver()));
    /** How the store is written and read today. */
    private final StoredTypeSerializer sealingSerializer =
            PostgresEventStorage.serializer(json, types, new AnnotationRevisionResolver(), keys);

    private final EventStorageEngine today = engine(sealingSerializer);
    private final Checkpointer checkpointer =
            new Checkpointer(SERVICE, store.dataSource(), key, checkpoint -> {}, Duration.ofMinutes(10), 100_000);
    private final StoredPersonalDataSealing sealing = new StoredPersonalDataSealing(
            SERVICE,
            store.dataSource(),
            new DataSourceTransactionManager(store.dataSource()),
            sealingSerializer,
            key,
            Clock.systemUTC(),
            2);

    private final String ana = "applicant-" + UUID.randomUUID();
    private final String bruno = "applicant-" + UUID.randomUUID();

    private EventStorageEngine engine(StoredTypeSerializer serializer) {
        return PostgresEventStorage.engine(
                store.dataSource(),
                transactions,
                serializer,
                serializer,
                NoOpEventUpcaster.INSTANCE,
                SnapshotFilter.allowAll());
    }

    private void append(EventStorageEngine engine, String aggregate, Object... payloads) {
        long next =
                engine.lastSequenceNumberFor(aggregate).map(last -> last + 1).orElse(0L);
        List<GenericDomainEventMessage<?>> events = new ArrayList<>();
        for (Object payload : payloads) {
            events.add(new GenericDomainEventMessage<>("Case", aggregate, next++, payload));
        }
        transactions.executeInTransaction(() -> engine.appendEvents(events));
    }

    /** Two cases written in clear (Bruno's data erased since), one written today, all checkpointed. */
    private void storeWrittenBeforeEncryption() {
        append(clear, "case-ana", new Registered("case-ana", ana, "Ana Maria Sousa", "LISBOA"));
        append(clear, "case-bruno", new Registered("case-bruno", bruno, "Bruno Tavares Lima", "PORTO"));
        append(clear, "case-ana", new Decided("case-ana", "GRANTED"));
        append(clear, "case-ana", new Reasoned("case-ana", "Ana proved the tie with her birth certificate"));
        append(today, "case-bruno", new Decided("case-bruno", "REFUSED"));
        String carla = "applicant-" + UUID.randomUUID();
        append(today, "case-carla", new Registered("case-carla", carla, "Carla Nunes Reis", "FARO"));
        assertThat(checkpointer.run()).hasSize(1);
        keys.erase(bruno, "retention ended", "operator-1", Instant.now());
    }

    private String storedPayload(String aggregate, long sequence) {
        return new String(
                store.jdbc()
                        .sql("select payload from domain_event_entry where aggregate_identifier = ?"
                                + " and sequence_number = ?")
                        .params(aggregate, sequence)
                        .query(byte[].class)
                        .single(),
                StandardCharsets.UTF_8);
    }

    private Registered read(String aggregate) {
        byte[] payload = store.jdbc()
                .sql("select payload from domain_event_entry where aggregate_identifier = ? and sequence_number = 0")
                .param(aggregate)
                .query(byte[].class)
                .single();
        return sealingSerializer.deserialize(
                new SimpleSerializedObject<>(payload, byte[].class, "sealing.Registered", "1"));
    }

    private IntegrityReport verify() throws Exception {
        try (Connection connection = store.dataSource().getConnection()) {
            return new IntegrityVerifier(SERVICE, key.publicKey(), null, IntegrityVerifier.Progress.NONE)
                    .verify(connection, PublishedCheckpoints::notRead);
        }
    }

    private JdbcClient sql() {
        return store.jdbc();
    }

    @Test
    void eventsStoredInClearAreSealedUnderTheirSubjectsKeyAndTheStoreStillVerifies() throws Exception {
        storeWrittenBeforeEncryption();
        assertThat(storedPayload("case-ana", 0)).contains("Ana Maria Sousa");

        long sealed = sealing.sweep();

        assertThat(sealed)
                .as("Ana's and Bruno's registrations and the reasoning about Ana's case, nothing else")
                .isEqualTo(3);
        assertThat(storedPayload("case-ana", 2))
                .doesNotContain("birth certificate")
                .contains("\"subject\":\"caseId:case-ana\"");
        assertThat(storedPayload("case-ana", 0))
                .doesNotContain("Ana Maria Sousa")
                .contains("__personalData")
                .contains("LISBOA")
                .contains("CHILD");
        assertThat(storedPayload("case-bruno", 0)).doesNotContain("Bruno Tavares Lima");
        assertThat(read("case-ana").fullName()).isEqualTo("Ana Maria Sousa");
        assertThat(read("case-ana").region()).isEqualTo("LISBOA");
        assertThat(read("case-ana").members())
                .as("personal fields of nested records too")
                .containsExactly(new Member("Rui Ana Maria Sousa", "CHILD"));
        assertThat(read("case-bruno").fullName())
                .as("erased before the sweep: sealed under a key kept nowhere")
                .isEqualTo(Personal.ERASED);
        assertThat(keys.stateOf(bruno)).isEqualTo(PersonalDataKeys.State.ERASED);

        IntegrityReport report = verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.status()).isEqualTo(IntegrityReport.INTACT);
        assertThat(report.checkpoints())
                .as("the checkpoint signed before the sweep")
                .isEqualTo(1);
        assertThat(report.notes()).anyMatch(note -> note.startsWith("3 event(s) were resealed"));
        assertThat(sql().sql("select count(*) from event_reseal")
                        .query(Long.class)
                        .single())
                .as("batches of two events: one signed statement per batch with a resealed event")
                .isEqualTo(2);

        keys.erase(ana, "retention ended", "operator-1", Instant.now());
        assertThat(read("case-ana").fullName()).isEqualTo(Personal.ERASED);
        assertThat(verify().status()).as("erasing a key changes no stored byte").isEqualTo(IntegrityReport.INTACT);
    }

    @Test
    void aSecondSweepFindsNothingAndLeavesTheStoreAsItWas() throws Exception {
        storeWrittenBeforeEncryption();
        sealing.sweep();
        String before = storedPayload("case-ana", 0);

        assertThat(sealing.sweep()).isZero();

        assertThat(storedPayload("case-ana", 0)).isEqualTo(before);
        assertThat(sealing.progress().sealedTotal()).isEqualTo(3);
        assertThat(sealing.progress().sweptUpTo())
                .isEqualTo(sql().sql("select max(global_index) from domain_event_entry")
                        .query(Long.class)
                        .single());
    }

    @Test
    void anEventChangedBeforeTheSweepIsNotResealedAndStaysReported() throws Exception {
        storeWrittenBeforeEncryption();
        long index = store.globalIndex("case-ana", 0);
        sql().sql("update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                        + " 'LISBOA', 'BRAGA'), 'UTF8') where global_index = ?")
                .param(index)
                .update();

        assertThat(sealing.sweep())
                .as("Bruno's registration and the reasoning about Ana's case")
                .isEqualTo(2);

        assertThat(storedPayload("case-ana", 0)).contains("Ana Maria Sousa").contains("BRAGA");
        IntegrityReport report = verify();
        assertThat(report.findings())
                .extracting(Finding::kind, Finding::globalIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Kind.CONTENT_CHANGED, index));
    }

    @Test
    void aResealedEventChangedAfterwardsIsReported() throws Exception {
        storeWrittenBeforeEncryption();
        sealing.sweep();
        long index = store.globalIndex("case-ana", 0);
        sql().sql("update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                        + " 'LISBOA', 'BRAGA'), 'UTF8') where global_index = ?")
                .param(index)
                .update();

        IntegrityReport report = verify();

        assertThat(report.findings())
                .extracting(Finding::kind, Finding::globalIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Kind.CONTENT_CHANGED, index));
    }

    @Test
    void anAlteredOrRemovedResealEntryExposesTheEventAsChanged() throws Exception {
        storeWrittenBeforeEncryption();
        sealing.sweep();
        long ana0 = store.globalIndex("case-ana", 0);
        long bruno0 = store.globalIndex("case-bruno", 0);
        sql().sql("delete from event_reseal_entry where global_index = ?")
                .param(bruno0)
                .update();

        IntegrityReport report = verify();

        assertThat(report.findings()).extracting(Finding::kind).contains(Finding.Kind.RESEAL_FORGED);
        assertThat(report.findings())
                .filteredOn(finding -> finding.kind() == Finding.Kind.CONTENT_CHANGED)
                .extracting(Finding::globalIndex)
                .as("the statement no longer verifies, so neither of its events passes")
                .containsExactlyInAnyOrder(ana0, bruno0);
        assertThat(report.status()).isEqualTo(IntegrityReport.TAMPERED);
    }

    @Test
    void aChangePassedOffAsAResealWithoutTheServicesKeyIsReported() throws Exception {
        storeWrittenBeforeEncryption();
        long index = store.globalIndex("case-carla", 0);
        byte[] stored = sql().sql("select chain_hash from domain_event_entry where global_index = ?")
                .param(index)
                .query(byte[].class)
                .single();
        sql().sql("update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                        + " 'FARO', 'BEJA'), 'UTF8') where global_index = ?")
                .param(index)
                .update();
        byte[] recomputed;
        try (Connection connection = store.dataSource().getConnection();
                var select = connection.prepareStatement("select " + pt.aima.platform.integrity.StoredEvent.COLUMNS
                        + " from domain_event_entry where global_index = ?")) {
            select.setLong(1, index);
            try (var row = select.executeQuery()) {
                row.next();
                recomputed = pt.aima.platform.integrity.EventHash.chain(
                        pt.aima.platform.integrity.EventHash.GENESIS, pt.aima.platform.integrity.StoredEvent.read(row));
            }
            List<Reseal.Entry> entries = List.of(new Reseal.Entry(index, "case-carla", 0, stored, recomputed));
            connection.setAutoCommit(false);
            Reseal.sign(SERVICE, 1, Instant.now(), "forged", entries, SigningKey.generate())
                    .insert(connection, entries);
            connection.commit();
        }

        IntegrityReport report = verify();

        assertThat(report.findings())
                .extracting(Finding::kind)
                .containsExactlyInAnyOrder(Finding.Kind.RESEAL_FORGED, Finding.Kind.CONTENT_CHANGED);
        assertThat(report.findings())
                .filteredOn(finding -> finding.kind() == Finding.Kind.RESEAL_FORGED)
                .extracting(Finding::detail)
                .singleElement()
                .asString()
                .contains("signature does not verify");
    }
}

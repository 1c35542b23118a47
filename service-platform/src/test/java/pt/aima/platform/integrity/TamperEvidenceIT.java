package pt.aima.platform.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.platform.testing.integrity.EventStoreDatabase;

/**
 * Every way of tampering with a service's event store, against a real PostgreSQL and a real Kafka broker: each test
 * has a store of its own (the platform's schema, the platform's append path), records and publishes signed
 * checkpoints as the service does, tampers as someone with database access would, and verifies as an auditor does.
 */
class TamperEvidenceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String service = "tamper-" + UUID.randomUUID().toString().substring(0, 8);
    private final SigningKey key = SigningKey.generate();
    private final String kafka = LocalInfrastructure.shared().kafkaBootstrapServers();
    private final KafkaCheckpointClients.Publisher publisher = new KafkaCheckpointClients.Publisher(kafka);
    private EventStoreDatabase store;
    private Checkpointer checkpointer;

    @AfterEach
    void closePublisher() {
        publisher.close();
    }

    private void newStore() {
        newStore(Duration.ofMinutes(10));
    }

    private void newStore(Duration gapRetention) {
        store = EventStoreDatabase.create("tamper_it");
        checkpointer = new Checkpointer(service, store.dataSource(), key, publisher, gapRetention, 100_000);
    }

    /** Three cases with three, two and four events, checkpointed and published. */
    private void threeCasesCheckpointed() {
        store.append("case-a", "a0", "a1", "a2");
        store.append("case-b", "b0");
        store.append("case-c", "c0", "c1");
        store.append("case-b", "b1");
        store.append("case-c", "c2", "c3");
        assertThat(checkpointer.run()).hasSize(1);
    }

    private IntegrityReport verify() throws Exception {
        return verify(true);
    }

    private IntegrityReport verify(boolean withTopic) throws Exception {
        try (Connection connection = store.dataSource().getConnection()) {
            return new IntegrityVerifier(service, key.publicKey(), null, IntegrityVerifier.Progress.NONE)
                    .verify(
                            connection,
                            () -> withTopic
                                    ? CheckpointTopic.read(
                                            KafkaCheckpointClients.readers(kafka), Checkpoint.topic(service), PATIENCE)
                                    : PublishedCheckpoints.notRead());
        }
    }

    private JdbcClient sql() {
        return store.jdbc();
    }

    private static Finding only(IntegrityReport report, Finding.Kind kind) {
        List<Finding> found = report.findings().stream()
                .filter(finding -> finding.kind() == kind)
                .toList();
        assertThat(found).as(report.findings().toString()).hasSize(1);
        return found.getFirst();
    }

    @Test
    void aCleanStorePassesWithEveryCheckpointVerifiedAgainstItsPublishedCopy() throws Exception {
        newStore();
        threeCasesCheckpointed();
        store.append("case-a", "a3");
        assertThat(checkpointer.run()).hasSize(1);
        store.append("case-d", "d0");

        IntegrityReport report = verify();

        assertThat(report.findings()).isEmpty();
        assertThat(report.status()).isEqualTo(IntegrityReport.INTACT);
        assertThat(report.events()).isEqualTo(11);
        assertThat(report.streams()).isEqualTo(4);
        assertThat(report.checkpoints()).isEqualTo(2);
        assertThat(report.latestCheckpoint()).isEqualTo(2);
        assertThat(report.uncheckpointedEvents()).isEqualTo(1);
        assertThat(report.publishedCopies()).isEqualTo("CHECKED");
        assertThat(report.trustedKey()).isEqualTo(key.keyId());
    }

    @Test
    void aChangedPayloadByteIsNamedByCaseSequenceAndGlobalIndex() throws Exception {
        newStore();
        threeCasesCheckpointed();
        long index = store.globalIndex("case-c", 2);
        sql().sql("update domain_event_entry set payload = overlay(payload placing '\\x58'::bytea from 20 for 1)"
                        + " where global_index = ?")
                .param(index)
                .update();

        IntegrityReport report = verify();

        Finding changed = only(report, Finding.Kind.CONTENT_CHANGED);
        assertThat(changed.service()).isEqualTo(service);
        assertThat(changed.aggregate()).isEqualTo("case-c");
        assertThat(changed.sequence()).isEqualTo(2);
        assertThat(changed.globalIndex()).isEqualTo(index);
        assertThat(changed.detail()).contains("no longer match");
        assertThat(report.findings())
                .as("the stored hashes, which the checkpoint signed, are unchanged")
                .hasSize(1);
        assertThat(report.status()).isEqualTo(IntegrityReport.TAMPERED);
    }

    @Test
    void aDeletedRowIsNamedByItsStreamAndByTheCheckpointThatCoveredIt() throws Exception {
        newStore();
        threeCasesCheckpointed();
        long middle = store.globalIndex("case-a", 1);
        long last = store.globalIndex("case-b", 1);
        sql().sql("delete from domain_event_entry where global_index in (?, ?)")
                .params(middle, last)
                .update();

        IntegrityReport report = verify();

        Finding gap = only(report, Finding.Kind.SEQUENCE_GAP);
        assertThat(gap.aggregate()).isEqualTo("case-a");
        assertThat(gap.sequence()).isEqualTo(1);
        List<Finding> deleted = report.findings().stream()
                .filter(finding -> finding.kind() == Finding.Kind.EVENT_DELETED)
                .toList();
        assertThat(deleted).extracting(Finding::globalIndex).containsExactly(middle, last);
        assertThat(deleted.getFirst().aggregate()).isEqualTo("case-a");
        assertThat(deleted.getFirst().sequence()).isEqualTo(1);
        assertThat(deleted.getFirst().checkpoint()).isEqualTo(1);
        assertThat(deleted.get(1).detail()).contains("last event of its stream");
    }

    @Test
    void aRowInsertedWithAValidHashIntoAClosedGapIsNamed() throws Exception {
        newStore(Duration.ZERO);
        store.append("case-a", "a0");
        long hole = sql().sql("select nextval('domain_event_global_index_seq')")
                .query(Long.class)
                .single();
        store.append("case-a", "a1");
        store.append("case-b", "b0");
        assertThat(checkpointer.run()).singleElement().satisfies(checkpoint -> assertThat(
                        checkpoint.holes().contains(hole))
                .isTrue());
        // the next round stops watching the gap (retention zero here; ten minutes by default)
        assertThat(checkpointer.run()).singleElement().satisfies(checkpoint -> assertThat(
                        checkpoint.holes().isEmpty())
                .isTrue());

        // The chain trigger hashes the forged row as it hashes every row: its hash is valid for its content.
        sql().sql(
                        """
                        insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,
                            sequence_number, type, payload_type, payload_revision, payload, meta_data, time_stamp)
                        select ?, ?, 'case-a', 2, 'Case', payload_type, payload_revision,
                               convert_to('{"caseId":"case-a","note":"forged"}', 'UTF8'), meta_data, time_stamp
                        from domain_event_entry where aggregate_identifier = 'case-a' and sequence_number = 1
                        """)
                .params(hole, UUID.randomUUID().toString())
                .update();

        IntegrityReport report = verify();

        Finding inserted = only(report, Finding.Kind.EVENT_INSERTED);
        assertThat(inserted.aggregate()).isEqualTo("case-a");
        assertThat(inserted.sequence()).isEqualTo(2);
        assertThat(inserted.globalIndex()).isEqualTo(hole);
        assertThat(inserted.checkpoint()).isEqualTo(1);
        assertThat(report.findings()).noneMatch(finding -> finding.kind() == Finding.Kind.CONTENT_CHANGED);
        assertThat(only(report, Finding.Kind.REORDERED).globalIndex()).isEqualTo(hole);
        assertThat(checkpointer.run())
                .as("the service does not take it in either")
                .isEmpty();
    }

    @Test
    void twoSwappedRowsAreNamedWithThePlacesTheyWereStoredAt() throws Exception {
        newStore();
        threeCasesCheckpointed();
        long one = store.globalIndex("case-c", 1);
        long two = store.globalIndex("case-c", 2);
        sql().sql("update domain_event_entry set sequence_number = -1 where global_index = ?")
                .param(one)
                .update();
        sql().sql("update domain_event_entry set sequence_number = 1 where global_index = ?")
                .param(two)
                .update();
        sql().sql("update domain_event_entry set sequence_number = 2 where global_index = ?")
                .param(one)
                .update();

        IntegrityReport report = verify();

        assertThat(report.findings())
                .filteredOn(finding -> finding.detail().contains("was stored as sequence"))
                .extracting(Finding::aggregate, Finding::sequence, Finding::globalIndex)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("case-c", 1L, two),
                        org.assertj.core.groups.Tuple.tuple("case-c", 2L, one));
        assertThat(report.findings())
                .allMatch(finding ->
                        finding.kind() == Finding.Kind.REORDERED || finding.kind() == Finding.Kind.CHECKPOINT_MISMATCH);
    }

    @Test
    void aForgedCheckpointIsRefusedInTheTableOnTheTopicAndByTheCheckpointer() throws Exception {
        newStore();
        threeCasesCheckpointed();
        sql().sql("update integrity_checkpoint set digest = sha256(digest) where checkpoint_number = 1")
                .update();
        SigningKey someoneElse = SigningKey.generate();
        Checkpoint genuine = CheckpointTopic.read(
                        KafkaCheckpointClients.readers(kafka), Checkpoint.topic(service), PATIENCE)
                .entries()
                .getFirst()
                .checkpoint();
        publisher.publish(new Checkpoint(
                        service,
                        2,
                        genuine.digest(),
                        genuine.upToGlobalIndex(),
                        genuine.upToGlobalIndex(),
                        genuine.eventCount(),
                        List.of(),
                        IndexRanges.NONE,
                        genuine.digest(),
                        Instant.now(),
                        null,
                        null,
                        null)
                .signedWith(someoneElse));

        IntegrityReport report = verify();

        List<Finding> forged = report.findings().stream()
                .filter(finding -> finding.kind() == Finding.Kind.CHECKPOINT_FORGED)
                .toList();
        assertThat(forged).hasSize(2);
        assertThat(forged).anySatisfy(table -> {
            assertThat(table.checkpoint()).isEqualTo(1);
            assertThat(table.detail()).contains("checkpoint table").contains("does not verify");
        });
        assertThat(forged).anySatisfy(topic -> {
            assertThat(topic.checkpoint()).isEqualTo(2);
            assertThat(topic.detail()).contains("offset 1").contains("signed by key " + someoneElse.keyId());
        });
        assertThat(only(report, Finding.Kind.CHECKPOINT_ALTERED).detail()).contains("[digest]");
        assertThat(report.checkpoints())
                .as("the published copy is still checked")
                .isEqualTo(1);
        store.append("case-a", "a3");
        assertThatThrownBy(checkpointer::checkpoint).hasMessageContaining("not extending it");
    }

    @Test
    void aFullRewriteWithRecomputedHashesIsDetectedAgainstThePublishedCheckpoint() throws Exception {
        newStore();
        threeCasesCheckpointed();
        long rewritten = store.globalIndex("case-a", 1);
        // Someone with full database access changes an event, recomputes the chain of its stream with the database's
        // own function, and removes the checkpoints that would contradict it.
        sql().sql("update domain_event_entry set payload = convert_to('{\"caseId\":\"case-a\",\"note\":\"rewritten\"}',"
                        + " 'UTF8') where global_index = ?")
                .param(rewritten)
                .update();
        sql().sql(
                        """
                        do $$
                        declare e record; previous bytea;
                        begin
                          for e in select * from domain_event_entry where aggregate_identifier = 'case-a'
                                   order by sequence_number loop
                            previous := aima_event_chain_hash(previous,
                                e.event_identifier, e.type, e.aggregate_identifier, e.sequence_number,
                                e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data);
                            update domain_event_entry set chain_hash = previous where global_index = e.global_index;
                          end loop;
                        end $$
                        """)
                .update();
        sql().sql("delete from integrity_checkpoint").update();
        sql().sql("delete from integrity_open_gap").update();

        IntegrityReport tableOnly = verify(false);
        assertThat(tableOnly.findings()).as("the database alone cannot tell").isEmpty();

        IntegrityReport report = verify();
        assertThat(only(report, Finding.Kind.CHECKPOINT_ALTERED).detail())
                .contains("missing from the checkpoint table");
        Finding mismatch = only(report, Finding.Kind.CHECKPOINT_MISMATCH);
        assertThat(mismatch.checkpoint()).isEqualTo(1);
        assertThat(mismatch.detail()).contains("rewritten").contains("recomputed");
        assertThat(report.findings()).hasSize(2);

        // Nor does signing the new history help without the service's key.
        SigningKey attacker = SigningKey.generate();
        Checkpointer forger = new Checkpointer(
                service, store.dataSource(), attacker, checkpoint -> {}, Duration.ofMinutes(10), 100_000);
        assertThat(forger.checkpoint()).isPresent();
        IntegrityReport resigned = verify();
        assertThat(resigned.findings())
                .extracting(Finding::kind)
                .contains(
                        Finding.Kind.CHECKPOINT_FORGED,
                        Finding.Kind.CHECKPOINT_ALTERED,
                        Finding.Kind.CHECKPOINT_MISMATCH);
    }

    @Test
    void anUnreadableRowIsReportedAndTheVerificationGoesOn() throws Exception {
        newStore();
        try {
            sql().sql("create extension if not exists pg_surgery").update();
        } catch (RuntimeException e) {
            assumeTrue(false, "pg_surgery (to damage a TOAST value) is not installed: " + e.getMessage());
        }
        store.append("case-a", "a0");
        StringBuilder noise = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        while (noise.length() < 12_000) {
            noise.append(Long.toString(random.nextLong(), 36));
        }
        store.append("case-b", "b0", noise.toString(), "b2");
        store.append("case-c", "c0", "c1");
        assertThat(checkpointer.run()).hasSize(1);
        long damaged = store.globalIndex("case-b", 1);
        String toast = sql().sql(
                        "select reltoastrelid::regclass::text from pg_class where relname = 'domain_event_entry'")
                .query(String.class)
                .single();
        Long chunk = sql().sql(
                        "select pg_column_toast_chunk_id(payload) from domain_event_entry where global_index = ?")
                .param(damaged)
                .query(Long.class)
                .single();
        assertThat(chunk).as("the payload is stored out of line").isNotNull();
        sql().sql("select heap_force_kill(?::regclass, array(select ctid from " + toast
                        + " where chunk_id = ? and chunk_seq = 0))")
                .params(toast, chunk)
                .query()
                .listOfRows();
        long changed = store.globalIndex("case-c", 1);
        sql().sql(
                        "update domain_event_entry set meta_data = convert_to('{\"aima.actor.subject\":\"someone-else\"}', 'UTF8') where global_index = ?")
                .param(changed)
                .update();

        IntegrityReport report = verify();

        Finding unreadable = only(report, Finding.Kind.UNREADABLE);
        assertThat(unreadable.aggregate()).isEqualTo("case-b");
        assertThat(unreadable.sequence()).isEqualTo(1);
        assertThat(unreadable.detail()).contains("toast");
        assertThat(only(report, Finding.Kind.CONTENT_CHANGED).globalIndex())
                .as("the rows after it are still verified")
                .isEqualTo(changed);
        assertThat(report.events()).as("read; the damaged one is not").isEqualTo(5);
        assertThat(report.findings())
                .extracting(Finding::kind)
                .containsOnly(Finding.Kind.UNREADABLE, Finding.Kind.CONTENT_CHANGED);
    }

    @Test
    void theMigrationChainsEventsStoredBeforeIt() throws Exception {
        store = EventStoreDatabase.create("tamper_it_migration", "1.10");
        store.insert("case-a", 0, "a0");
        store.insert("case-a", 1, "a1");
        store.insert("case-a", 2, "a2");
        store.insert("case-b", 0, "b0");
        store.insert("case-a", 3, "a3");

        store.migrate();

        assertThat(sql().sql("select count(*) from domain_event_entry where chain_hash is null")
                        .query(Long.class)
                        .single())
                .isZero();
        checkpointer = new Checkpointer(service, store.dataSource(), key, publisher, Duration.ofMinutes(10), 100_000);
        assertThat(checkpointer.run()).singleElement().satisfies(checkpoint -> assertThat(checkpoint.eventCount())
                .isEqualTo(5));
        store.append("case-b", "b1");
        IntegrityReport report = verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.events()).isEqualTo(6);

        sql().sql("update domain_event_entry set time_stamp = '2020-01-01T00:00:00Z' where global_index = ?")
                .param(store.globalIndex("case-a", 0))
                .update();
        assertThat(only(verify(), Finding.Kind.CONTENT_CHANGED).aggregate()).isEqualTo("case-a");
    }

    @Test
    void anEventThatCommitsAfterACheckpointPassedItsIndexJoinsTheNextCheckpoint() throws Exception {
        newStore();
        store.append("case-a", "a0");
        long late;
        try (Connection slow = store.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            try (var insert = slow.prepareStatement(
                    """
                    insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        payload_type, payload_revision, payload, meta_data, time_stamp)
                    values (?, 'case-late', 0, 'Case', 'integrity.Noted', '1', convert_to('{}', 'UTF8'), null, ?)
                    returning global_index
                    """)) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, Instant.now().toString());
                try (var result = insert.executeQuery()) {
                    result.next();
                    late = result.getLong(1);
                }
            }
            store.append("case-b", "b0");
            assertThat(checkpointer.run()).singleElement().satisfies(checkpoint -> assertThat(
                            checkpoint.holes().contains(late))
                    .isTrue());
            slow.commit();
        }
        IntegrityReport pending = verify();
        assertThat(pending.findings()).isEmpty();
        assertThat(pending.notes()).anyMatch(note -> note.contains("join the next checkpoint"));

        assertThat(checkpointer.run()).singleElement().satisfies(checkpoint -> {
            assertThat(checkpoint.late()).containsExactly(late);
            assertThat(checkpoint.holes().isEmpty()).isTrue();
        });
        IntegrityReport report = verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.checkpoints()).isEqualTo(2);

        sql().sql("delete from domain_event_entry where global_index = ?")
                .param(late)
                .update();
        assertThat(only(verify(), Finding.Kind.EVENT_DELETED).detail()).contains("joined checkpoint #2");
    }

    @Test
    void theAppendPathAndTheTriggerChainOneStreamAlikeAndARolledBackAppendLeavesNothingBehind() throws Exception {
        newStore();
        store.append("case-a", "a0", "a1");
        store.appendAndRollBack("case-a", "never stored");
        store.insert("case-a", 2, "written by another writer: the trigger hashes it");
        store.append("case-a", "a3");
        store.append("case-a", "a4");
        assertThat(sql().sql("select count(*) from domain_event_entry where chain_hash is null")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(checkpointer.run()).hasSize(1);

        IntegrityReport report = verify();

        assertThat(report.findings()).isEmpty();
        assertThat(report.events()).isEqualTo(5);
    }

    @Test
    void appendsOfDifferentCasesDoNotWaitForEachOther() throws Exception {
        newStore();
        store.append("case-a", "a0");
        try (Connection open = store.dataSource().getConnection()) {
            open.setAutoCommit(false);
            try (var insert = open.prepareStatement(
                    """
                    insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        payload_type, payload_revision, payload, meta_data, time_stamp)
                    values (?, 'case-a', 1, 'Case', 'integrity.Noted', '1', convert_to('{}', 'UTF8'), null, ?)
                    """)) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, Instant.now().toString());
                insert.executeUpdate();
            }
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> store.append("case-b", "b0"));
            other.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            // nor does a checkpoint wait for the open append
            assertThat(CompletableFuture.supplyAsync(checkpointer::checkpoint)
                            .get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .map(Checkpoint::eventCount)
                    .isEqualTo(Optional.of(2L));
            open.commit();
        }
        assertThat(verify().findings()).isEmpty();
    }
}

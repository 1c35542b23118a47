package pt.aima.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.codec.MalformedEventException;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.platform.observability.CaseTracing;

/** The inbox against a real PostgreSQL with the platform's schema: each event id is applied once per consumer. */
class InboundEventsIT {

    private static final IntegrationEventCodec codec = IntegrationEventCodec.platform();
    private static final Set<String> SUBSCRIBED = Set.of("DocumentChecklistCompleted");

    private static JdbcClient jdbc;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void database() {
        DatabaseSettings settings = LocalInfrastructure.shared().createDatabase("platform_inbox_it");
        var dataSource = new DriverManagerDataSource(settings.jdbcUrl(), settings.username(), settings.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table if not exists inbox_it_effect"
                        + " (position bigserial primary key, consumer text not null, event_id uuid not null)")
                .update();
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        var inbox = inbox("consumer-" + UUID.randomUUID());
        var envelope = completed(CaseId.newId());
        List<UUID> applied = new ArrayList<>();

        assertThat(inbox.process(record(envelope), SUBSCRIBED, e -> applied.add(e.eventId())))
                .isTrue();
        assertThat(inbox.process(record(envelope), SUBSCRIBED, e -> applied.add(e.eventId())))
                .as("the redelivery")
                .isFalse();

        assertThat(applied).containsExactly(envelope.eventId());
        assertThat(inboxRows(envelope.eventId())).isEqualTo(1);
    }

    @Test
    void countsWhatBecameOfEachEventByTypeAndOutcome() {
        var meters = new SimpleMeterRegistry();
        var inbox = new InboundEvents(
                codec, jdbc, transaction, "consumer-" + UUID.randomUUID(), CaseTracing.none(), meters);
        var first = completed(CaseId.newId());
        var second = completed(CaseId.newId());

        inbox.process(record(first), SUBSCRIBED, e -> {});
        inbox.process(record(first), SUBSCRIBED, e -> {});
        inbox.process(record(first), SUBSCRIBED, e -> {});
        inbox.process(record(second), SUBSCRIBED, e -> {});

        assertThat(count(meters, "applied")).isEqualTo(2);
        assertThat(count(meters, "duplicate")).isEqualTo(2);
    }

    private static double count(SimpleMeterRegistry meters, String outcome) {
        return meters.get("aima.inbox.events")
                .tag("type", "DocumentChecklistCompleted")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void eachConsumerAppliesTheEventOnceForItself() {
        var envelope = completed(CaseId.newId());
        List<String> applied = new ArrayList<>();
        for (String consumer : List.of("checklist-" + UUID.randomUUID(), "scheduling-" + UUID.randomUUID())) {
            var inbox = inbox(consumer);
            inbox.process(record(envelope), SUBSCRIBED, e -> applied.add(consumer));
            inbox.process(record(envelope), SUBSCRIBED, e -> applied.add(consumer));
        }
        assertThat(applied).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aFailedEffectLeavesNoInboxRowSoTheRedeliveryAppliesIt() {
        var inbox = inbox("consumer-" + UUID.randomUUID());
        var envelope = completed(CaseId.newId());

        assertThatThrownBy(() -> inbox.process(record(envelope), SUBSCRIBED, e -> {
                    throw new IllegalStateException("the command failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(inboxRows(envelope.eventId())).isZero();

        List<UUID> applied = new ArrayList<>();
        assertThat(inbox.process(record(envelope), SUBSCRIBED, e -> applied.add(e.eventId())))
                .isTrue();
        assertThat(applied).containsExactly(envelope.eventId());
    }

    @Test
    void typesTheConsumerDoesNotSubscribeToAreSkippedWithoutATrace() {
        var inbox = inbox("consumer-" + UUID.randomUUID());
        CaseId caseId = CaseId.newId();
        var other = EventEnvelope.wrap(
                UUID.randomUUID(), Instant.now(), Actor.system("test"), "c", "c", new BiometricsCollected(caseId, "D"));
        List<Object> applied = new ArrayList<>();

        assertThat(inbox.process(record(other), SUBSCRIBED, applied::add)).isFalse();
        var withoutTypeHeader =
                new ConsumerRecord<>(Topics.SCHEDULING_EVENTS, 0, 0L, caseId.toString(), codec.encode(other));
        assertThat(inbox.process(withoutTypeHeader, SUBSCRIBED, applied::add)).isFalse();

        assertThat(applied).isEmpty();
        assertThat(inboxRows(other.eventId())).isZero();
    }

    @Test
    void refusesWhatItCannotReadAndRecordsNothing() {
        var inbox = inbox("consumer-" + UUID.randomUUID());
        CaseId caseId = CaseId.newId();
        var envelope = completed(caseId);
        List<Object> applied = new ArrayList<>();

        var notAnEnvelope = new ConsumerRecord<>(
                Topics.DOCUMENT_EVENTS, 0, 0L, caseId.toString(), "{not an envelope".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> inbox.process(notAnEnvelope, SUBSCRIBED, applied::add))
                .isInstanceOf(MalformedEventException.class);

        String json = new String(codec.encode(envelope), StandardCharsets.UTF_8);
        String unknownVersion = json.replaceFirst("\"version\"\\s*:\\s*1", "\"version\":99");
        assertThat(unknownVersion).isNotEqualTo(json);
        var future = new ConsumerRecord<>(
                Topics.DOCUMENT_EVENTS, 0, 0L, caseId.toString(), unknownVersion.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> inbox.process(future, SUBSCRIBED, applied::add))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("99");

        var wrongKey = new ConsumerRecord<>(Topics.DOCUMENT_EVENTS, 0, 0L, "another-case", codec.encode(envelope));
        assertThatThrownBy(() -> inbox.process(wrongKey, SUBSCRIBED, applied::add))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("key");

        assertThat(applied).isEmpty();
        assertThat(inboxRows(envelope.eventId())).isZero();
    }

    @Test
    void aPollsRecordsAreAppliedInOneTransactionEachEventOnce() {
        String consumer = "consumer-" + UUID.randomUUID();
        var inbox = inbox(consumer);
        var a = completed(CaseId.newId());
        var b = completed(CaseId.newId());
        var c = completed(CaseId.newId());
        var before = completed(CaseId.newId());
        inbox.process(record(before), SUBSCRIBED, e -> {});
        var other = EventEnvelope.wrap(
                UUID.randomUUID(),
                Instant.now(),
                Actor.system("test"),
                "c",
                "c",
                new BiometricsCollected(b.caseId(), "D"));
        List<UUID> prepared = new ArrayList<>();

        int applied = inbox.processAll(
                List.of(record(a), record(before), record(b), record(other), record(a), record(c)),
                SUBSCRIBED,
                effect(consumer, prepared));

        assertThat(applied).isEqualTo(3);
        assertThat(prepared)
                .as("what the effect was prepared for")
                .containsExactly(a.eventId(), b.eventId(), c.eventId());
        assertThat(effects(consumer)).containsExactly(a.eventId(), b.eventId(), c.eventId());
        for (var envelope : List.of(a, b, c, before)) {
            assertThat(inboxRows(envelope.eventId())).isEqualTo(1);
        }
        assertThat(inboxRows(other.eventId())).as("a type not subscribed to").isZero();

        assertThat(inbox.processAll(List.of(record(c), record(a)), SUBSCRIBED, effect(consumer, prepared)))
                .as("the whole poll redelivered")
                .isZero();
        assertThat(effects(consumer)).hasSize(3);
    }

    @Test
    void aRecordThatCannotBeReadIsNamedAfterTheRecordsBeforeItCommitted() {
        String consumer = "consumer-" + UUID.randomUUID();
        var inbox = inbox(consumer);
        var a = completed(CaseId.newId());
        var b = completed(CaseId.newId());
        var after = completed(CaseId.newId());
        var unreadable = new ConsumerRecord<>(
                Topics.DOCUMENT_EVENTS,
                0,
                2L,
                a.caseId().toString(),
                "{not an envelope".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> inbox.processAll(
                        List.of(record(a), record(b), unreadable, record(after)),
                        SUBSCRIBED,
                        effect(consumer, new ArrayList<>())))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(2);
                    assertThat(failed.getCause()).isInstanceOf(MalformedEventException.class);
                });

        assertThat(effects(consumer)).containsExactly(a.eventId(), b.eventId());
        assertThat(inboxRows(a.eventId())).isEqualTo(1);
        assertThat(inboxRows(after.eventId())).as("left for the next poll").isZero();
    }

    @Test
    void aFailedEffectRollsTheBatchBackAndOnlyTheRecordsBeforeItCommitAgain() {
        String consumer = "consumer-" + UUID.randomUUID();
        var inbox = inbox(consumer);
        var a = completed(CaseId.newId());
        var failing = completed(CaseId.newId());
        var c = completed(CaseId.newId());
        List<UUID> attempted = new ArrayList<>();
        InboundEvents.BatchEffect effect = (record, event) -> {
            attempted.add(event.eventId());
            effect(consumer, new ArrayList<>()).apply(record, event);
            if (event.eventId().equals(failing.eventId())) {
                throw new IllegalStateException("the command failed");
            }
        };

        assertThatThrownBy(() -> inbox.processAll(List.of(record(a), record(failing), record(c)), SUBSCRIBED, effect))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed.getCause()).isInstanceOf(IllegalStateException.class);
                });

        assertThat(attempted)
                .as("the batch up to the failure, then the records before it again")
                .containsExactly(a.eventId(), failing.eventId(), a.eventId());
        assertThat(effects(consumer)).as("what committed").containsExactly(a.eventId());
        assertThat(inboxRows(failing.eventId())).isZero();
        assertThat(inboxRows(c.eventId())).isZero();
    }

    @Test
    void aBatchWhoseCommitFailsIsAppliedOneRecordAtATimeToFindTheRecordItWas() {
        String consumer = "consumer-" + UUID.randomUUID();
        var inbox = inbox(consumer);
        var a = completed(CaseId.newId());
        var spoiling = completed(CaseId.newId());
        var c = completed(CaseId.newId());
        // the effect of one event rolls back a part of its own and carries on, which leaves the whole transaction
        // only able to roll back (as a command whose unit of work rolled back inside it does): the commit fails
        InboundEvents.BatchEffect effect = (record, event) -> {
            effect(consumer, new ArrayList<>()).apply(record, event);
            if (event.eventId().equals(spoiling.eventId())) {
                try {
                    transaction.executeWithoutResult(inner -> {
                        throw new IllegalStateException("a part that failed");
                    });
                } catch (IllegalStateException carriedOn) {
                    // the effect goes on as if nothing happened
                }
            }
        };

        assertThatThrownBy(() -> inbox.processAll(List.of(record(a), record(spoiling), record(c)), SUBSCRIBED, effect))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed.getCause()).isInstanceOf(UnexpectedRollbackException.class);
                });

        assertThat(effects(consumer)).containsExactly(a.eventId());
        assertThat(inboxRows(a.eventId())).isEqualTo(1);
        assertThat(inboxRows(spoiling.eventId())).isZero();
        assertThat(inboxRows(c.eventId())).isZero();
    }

    @Test
    void aBatchIsCompletedOnceAfterItsEventsInTheirTransaction() {
        String consumer = "consumer-" + UUID.randomUUID();
        var inbox = inbox(consumer);
        var a = completed(CaseId.newId());
        var b = completed(CaseId.newId());
        List<List<UUID>> completions = new ArrayList<>();
        InboundEvents.BatchEffect effect = completedTogether(consumer, completions, null);

        assertThat(inbox.processAll(List.of(record(a), record(b), record(a)), SUBSCRIBED, effect))
                .isEqualTo(2);

        assertThat(completions)
                .as("one completion, with both events")
                .containsExactly(List.of(a.eventId(), b.eventId()));
        assertThat(effects(consumer)).containsExactly(a.eventId(), b.eventId());

        assertThat(inbox.processAll(List.of(record(b)), SUBSCRIBED, effect))
                .as("redelivered")
                .isZero();
        assertThat(completions.getLast()).as("completed with nothing to do").isEmpty();
        assertThat(effects(consumer)).hasSize(2);
    }

    @Test
    void aBatchWhoseCompletionFailsIsAppliedOneRecordAtATimeToFindTheRecordItWas() {
        String consumer = "consumer-" + UUID.randomUUID();
        var inbox = inbox(consumer);
        var a = completed(CaseId.newId());
        var failing = completed(CaseId.newId());
        var c = completed(CaseId.newId());
        List<List<UUID>> completions = new ArrayList<>();

        assertThatThrownBy(() -> inbox.processAll(
                        List.of(record(a), record(failing), record(c)),
                        SUBSCRIBED,
                        completedTogether(consumer, completions, failing.eventId())))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed.getCause()).isInstanceOf(IllegalStateException.class);
                });

        assertThat(completions)
                .as("the batch, then one record at a time up to the one that fails alone")
                .containsExactly(
                        List.of(a.eventId(), failing.eventId(), c.eventId()),
                        List.of(a.eventId()),
                        List.of(failing.eventId()));
        assertThat(effects(consumer)).as("what committed").containsExactly(a.eventId());
        assertThat(inboxRows(failing.eventId())).isZero();
        assertThat(inboxRows(c.eventId())).as("left for the next poll").isZero();
    }

    /**
     * An effect that collects the events of a transaction and writes them all when it completes, in one statement;
     * its completion fails when it holds {@code failing}.
     */
    private static InboundEvents.BatchEffect completedTogether(
            String consumer, List<List<UUID>> completions, UUID failing) {
        return new InboundEvents.BatchEffect() {
            private final List<UUID> applied = new ArrayList<>();

            @Override
            public void prepare(List<EventEnvelope<IntegrationEvent>> events) {
                applied.clear();
            }

            @Override
            public void apply(ConsumerRecord<String, byte[]> record, EventEnvelope<IntegrationEvent> event) {
                applied.add(event.eventId());
            }

            @Override
            public void complete() {
                completions.add(List.copyOf(applied));
                jdbc.sql("insert into inbox_it_effect (consumer, event_id) select :consumer, event_id"
                                + " from unnest(cast(string_to_array(:eventIds, ',') as uuid[])) with ordinality"
                                + " as applied(event_id, n) order by n")
                        .param("consumer", consumer)
                        .param(
                                "eventIds",
                                String.join(
                                        ",",
                                        applied.stream().map(UUID::toString).toList()))
                        .update();
                if (applied.contains(failing)) {
                    throw new IllegalStateException("the batch's rows could not be written");
                }
            }
        };
    }

    /** An effect that writes each event it applies to a table, in the batch's transaction. */
    private static InboundEvents.BatchEffect effect(String consumer, List<UUID> prepared) {
        return new InboundEvents.BatchEffect() {
            @Override
            public void prepare(List<EventEnvelope<IntegrationEvent>> events) {
                events.forEach(event -> prepared.add(event.eventId()));
            }

            @Override
            public void apply(ConsumerRecord<String, byte[]> record, EventEnvelope<IntegrationEvent> event) {
                jdbc.sql("insert into inbox_it_effect (consumer, event_id) values (:consumer, :eventId)")
                        .param("consumer", consumer)
                        .param("eventId", event.eventId())
                        .update();
            }
        };
    }

    private static List<UUID> effects(String consumer) {
        return jdbc.sql("select event_id from inbox_it_effect where consumer = :consumer order by position")
                .param("consumer", consumer)
                .query(UUID.class)
                .list();
    }

    private static InboundEvents inbox(String consumer) {
        return new InboundEvents(codec, jdbc, transaction, consumer);
    }

    private static EventEnvelope<DocumentChecklistCompleted> completed(CaseId caseId) {
        return EventEnvelope.wrap(
                UUID.randomUUID(),
                Instant.now(),
                Actor.system("document-service"),
                "corr-" + UUID.randomUUID(),
                "cause",
                new DocumentChecklistCompleted(caseId));
    }

    private static ConsumerRecord<String, byte[]> record(EventEnvelope<?> envelope) {
        var record = new ConsumerRecord<>(
                Topics.DOCUMENT_EVENTS, 0, 0L, envelope.caseId().toString(), codec.encode(envelope));
        record.headers()
                .add(new RecordHeader(Topics.HEADER_EVENT_TYPE, envelope.type().getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static long inboxRows(UUID eventId) {
        return jdbc.sql("select count(*) from inbox where event_id = :eventId")
                .param("eventId", eventId)
                .query(Long.class)
                .single();
    }
}

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
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.codec.IntegrationEventCodec;
import pt.aima.kernel.codec.MalformedEventException;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
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

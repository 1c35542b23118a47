package pt.aima.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;
import pt.aima.fixture.opsapp.Ledger;
import pt.aima.fixture.opsapp.LedgerProjection;
import pt.aima.fixture.opsapp.OperationsTestApplication;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * Operations see, inspect, retry and discard the dead letters of a processing group's queue and of a Kafka dead-letter
 * topic, against a real PostgreSQL and a real broker; each action is an event with the operator and the reason.
 */
@SpringBootTest(
        classes = OperationsTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=" + OperationsTestApplication.SERVICE,
            "aima.service.name=" + OperationsTestApplication.SERVICE,
            "aima.service.consumes=" + OperationsTestApplication.TOPIC,
            "spring.flyway.locations=classpath:db/platform,classpath:db/opsapp",
            "axon.eventhandling.processors.ledger-view.mode=pooled",
            "axon.eventhandling.processors.ledger-view.initial-segment-count=2",
            "axon.eventhandling.processors.ledger-view.thread-count=2",
            "axon.eventhandling.processors.ledger-view.batch-size=10",
            "axon.eventhandling.processors.ledger-view.dlq.enabled=true",
            "aima.operations.dead-letter-refresh=300ms",
            "aima.operations.skipped-event-check=200ms"
        })
class DeadLettersIT {

    private static final String GROUP = OperationsTestApplication.PROJECTION;
    private static final String DLT = Topics.deadLetterTopic(OperationsTestApplication.TOPIC, "ops-it");

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_dead_letters_it");
    }

    @Test
    void aParkedEventIsCountedShownMaskedAndRetriedUntilItSucceedsThenASecondRetryIs409() {
        String caseId = CaseId.newId().toString();
        LedgerProjection.FAILING.add(caseId);
        assertThat(operations().post("/ledger/{id}", null, caseId).status()).isEqualTo(202);

        String id = await().atMost(ServiceHarness.PATIENCE)
                .until(() -> entryOfCase("group", GROUP, caseId), Optional::isPresent)
                .orElseThrow();

        JsonNode summary = service.as("auditor-1", "AUDITOR")
                .get("/operations/dead-letters")
                .body();
        assertThat(summary.get("service").asString()).isEqualTo("ops-it");
        JsonNode group = queue(summary, "groups", GROUP);
        assertThat(group.get("byReason").get("IllegalStateException").asLong()).isGreaterThanOrEqualTo(1);

        Response entry = operations().get("/operations/dead-letters/group/{id}", id);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.body().get("caseId").asString()).isEqualTo(caseId);
        assertThat(entry.body().get("eventType").asString()).isEqualTo("Recorded");
        assertThat(entry.body().get("reason").asString()).startsWith("IllegalStateException");
        assertThat(entry.body().get("retryStartsAt").asString()).isEqualTo(id);
        JsonNode payload = entry.body().get("payload");
        assertThat(payload.get("caseId").asString()).isEqualTo(caseId);
        assertThat(payload.get("note").asString()).isEqualTo("noted");
        assertThat(payload.get("fullName").asString()).isEqualTo(PersonalDataMask.MASK);
        assertThat(payload.get("email").asString()).isEqualTo(PersonalDataMask.MASK);
        assertThat(entry.body().toString()).doesNotContain("Maria Silva").doesNotContain("maria@example.pt");
        assertThat(service.as("auditor-1", "AUDITOR")
                        .get("/operations/dead-letters/group/{id}", id)
                        .status())
                .as("auditors read the counts and lists, not single entries")
                .isEqualTo(403);

        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
            assertThat(healthOf("deadLetters").get("status").asString()).isEqualTo("DEGRADED");
            assertThat(gauge("aima.dead.letters", "source:group", "name:" + GROUP))
                    .isGreaterThanOrEqualTo(1);
        });

        Response stillFailing = operations().post("/operations/dead-letters/group/{id}/retry", reason("first try"), id);
        assertThat(stillFailing.status()).isEqualTo(200);
        assertThat(stillFailing.body().get("outcome").asString()).isEqualTo("FAILED_AGAIN");
        assertThat(entryOfCase("group", GROUP, caseId)).contains(id);

        LedgerProjection.FAILING.remove(caseId);
        Response retried = operations().post("/operations/dead-letters/group/{id}/retry", reason("fixed the bug"), id);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(retried.body().get("actor").asString()).isEqualTo("operations-1 (OPERATIONS)");
        assertThat(projection().note(caseId)).contains("noted");
        assertThat(entryOfCase("group", GROUP, caseId)).isEmpty();

        Response again = operations().post("/operations/dead-letters/group/{id}/retry", reason("once more"), id);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem().rule()).isEqualTo("DEAD_LETTER_ALREADY_RETRIED");

        List<String> recorded = eventsOf("dead-letter:group:" + id);
        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0)).contains("FAILED_AGAIN").contains("first try");
        assertThat(recorded.get(1)).contains("SUCCEEDED").contains("fixed the bug");
        assertThat(service.eventStore().types("dead-letter:group:" + id))
                .allSatisfy(type -> assertThat(type).endsWith("DeadLetterRetried"));
        assertThat(metaDataOf("dead-letter:group:" + id))
                .allSatisfy(meta -> assertThat(meta).contains("operations-1").contains("OPERATIONS"));
    }

    @Test
    void theQueuesAreAxonsJdbcQueuesInTheServicesOwnTransactionsWithNoJpaAnywhere() {
        assertThat(service.spring().getBean(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
        assertThat(service.spring().getBean(PlatformTransactionManager.class))
                .isInstanceOf(DataSourceTransactionManager.class);
        assertThat(service.spring()
                        .getBean(EventProcessingConfiguration.class)
                        .deadLetterQueue(GROUP)
                        .orElseThrow())
                .isInstanceOf(JdbcSequencedDeadLetterQueue.class);
        assertThat(ClassUtils.isPresent("jakarta.persistence.EntityManager", null))
                .as("no JPA on the classpath")
                .isFalse();
    }

    @Test
    void aDiscardedEntryLeavesTheQueueUnhandledAndTakesNoRetry() {
        String caseId = CaseId.newId().toString();
        LedgerProjection.FAILING.add(caseId);
        operations().post("/ledger/{id}", null, caseId);
        String id = await().atMost(ServiceHarness.PATIENCE)
                .until(() -> entryOfCase("group", GROUP, caseId), Optional::isPresent)
                .orElseThrow();

        Response withoutReason = operations().post("/operations/dead-letters/group/{id}/discard", "{}", id);
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(withoutReason.problem().json().toString()).contains("reason");
        assertThat(service.as("auditor-1", "AUDITOR")
                        .post("/operations/dead-letters/group/{id}/discard", reason("not mine to decide"), id)
                        .status())
                .isEqualTo(403);

        Response discarded =
                operations().post("/operations/dead-letters/group/{id}/discard", reason("test data, no case"), id);
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.body().get("action").asString()).isEqualTo("DISCARDED");
        assertThat(entryOfCase("group", GROUP, caseId)).isEmpty();
        assertThat(operations().get("/operations/dead-letters/group/{id}", id).status())
                .isEqualTo(404);

        LedgerProjection.FAILING.remove(caseId);
        Response retry = operations().post("/operations/dead-letters/group/{id}/retry", reason("changed my mind"), id);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.problem().rule()).isEqualTo("DEAD_LETTER_ALREADY_DISCARDED");
        assertThat(projection().note(caseId)).isEmpty();
        assertThat(service.eventStore().types("dead-letter:group:" + id))
                .singleElement()
                .satisfies(type -> assertThat(type).endsWith("DeadLetterDiscarded"));
        assertThat(eventsOf("dead-letter:group:" + id).get(0)).contains("test data, no case");
    }

    @Test
    void aRefusedRecordOnTheDeadLetterTopicIsRedeliveredToItsTopicAndAppliedOnce() {
        CaseId caseId = CaseId.newId();
        Ledger.REFUSED.add(caseId.toString());
        var completed = service.publish(OperationsTestApplication.TOPIC, new DocumentChecklistCompleted(caseId));

        String id = await().atMost(ServiceHarness.PATIENCE)
                .until(() -> entryOfCase("topic", DLT, caseId.toString()), Optional::isPresent)
                .orElseThrow();
        assertThat(id).startsWith(DLT + ":");

        JsonNode summary = operations().get("/operations/dead-letters").body();
        assertThat(queue(summary, "topics", DLT)
                        .get("byReason")
                        .get("LedgerRefused")
                        .asLong())
                .isGreaterThanOrEqualTo(1);
        Response entry = operations().get("/operations/dead-letters/topic/{id}", id);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.body().get("reason").asString()).startsWith("LedgerRefused");
        assertThat(entry.body().get("eventType").asString()).isEqualTo("DocumentChecklistCompleted");
        assertThat(entry.body().get("open").asBoolean()).isTrue();
        assertThat(entry.body().get("details").get("originalTopic").asString())
                .isEqualTo(OperationsTestApplication.TOPIC);
        assertThat(service.inbox().processed(completed)).isFalse();

        Ledger.REFUSED.remove(caseId.toString());
        Response retried = operations().post("/operations/dead-letters/topic/{id}/retry", reason("case unblocked"), id);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("outcome").asString()).isEqualTo("SUCCEEDED");
        service.inbox().awaitProcessed(completed);
        await().atMost(ServiceHarness.PATIENCE).until(() -> projection().note(caseId.toString()), Optional::isPresent);
        assertThat(projection().note(caseId.toString())).contains("from kafka");

        Response again = operations().post("/operations/dead-letters/topic/{id}/retry", reason("once more"), id);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem().rule()).isEqualTo("DEAD_LETTER_ALREADY_RETRIED");
        assertThat(entryOfCase("topic", DLT, caseId.toString()))
                .as("no longer open")
                .isEmpty();
        assertThat(operations()
                        .get("/operations/dead-letters/topic/{id}", id)
                        .body()
                        .get("open")
                        .asBoolean())
                .isFalse();
        assertThat(service.eventStore().types("dead-letter:topic:" + id))
                .singleElement()
                .satisfies(type -> assertThat(type).endsWith("DeadLetterRetried"));
    }

    @Test
    void anUnreadableRecordIsShownWithoutItsBytesAndDiscarded() {
        CaseId caseId = CaseId.newId();
        String id = deadLettered(caseId, "{\"fullName\": \"Rui Sousa\", not json");

        Response entry = operations().get("/operations/dead-letters/topic/{id}", id);
        assertThat(entry.body().get("reason").asString()).startsWith("MalformedEventException");
        assertThat(entry.body().toString()).doesNotContain("Rui Sousa");

        assertThat(operations()
                        .post("/operations/dead-letters/topic/{id}/discard", reason("garbage"), id)
                        .status())
                .isEqualTo(200);
        assertThat(entryOfCase("topic", DLT, caseId.toString())).isEmpty();
        assertThat(operations()
                        .post("/operations/dead-letters/topic/{id}/discard", reason("again"), id)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void readingTheDeadLetterTopicsLogsNoWarning() {
        String id = deadLettered(CaseId.newId(), "not json");
        Logger fetcher =
                (Logger) LoggerFactory.getLogger("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        fetcher.addAppender(logged);
        try {
            KafkaDeadLetters topics = service.spring().getBean(KafkaDeadLetters.class);
            assertThat(topics.readAll(topics.topics()).get(DLT))
                    .anySatisfy(entry -> assertThat(entry.id()).isEqualTo(id));
            assertThat(topics.read(id)).isPresent();
        } finally {
            fetcher.detachAppender(logged);
        }
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(message -> message.contains("-dead-letter-reader"))
                .isEmpty();
    }

    @Test
    void unknownEntriesAre404AndOtherRolesSeeNothing() {
        assertThat(operations()
                        .get("/operations/dead-letters/group/{id}", "no-such-letter")
                        .status())
                .isEqualTo(404);
        assertThat(operations()
                        .get("/operations/dead-letters/topic/{id}", DLT + ":0:999999")
                        .status())
                .isEqualTo(404);
        assertThat(operations()
                        .get("/operations/dead-letters/topic/{id}", "someone-elses.dlt:0:0")
                        .status())
                .isEqualTo(404);
        assertThat(operations()
                        .post("/operations/dead-letters/mail/{id}/retry", reason("?"), "x")
                        .status())
                .isEqualTo(404);
        assertThat(service.as("caseworker-1", "CASEWORKER")
                        .get("/operations/dead-letters")
                        .status())
                .isEqualTo(403);
        assertThat(service.as("applicant-1", "APPLICANT")
                        .get("/operations/dead-letters")
                        .status())
                .isEqualTo(403);
        assertThat(service.anonymous().get("/operations/dead-letters").status()).isEqualTo(401);
    }

    private static pt.aima.platform.testing.harness.Caller operations() {
        return service.as("operations-1", "OPERATIONS");
    }

    private static Map<String, String> reason(String reason) {
        return Map.of("reason", reason);
    }

    private static Optional<String> entryOfCase(String source, String queue, String caseId) {
        Response entries = operations().get("/operations/dead-letters/{source}?queue={queue}", source, queue);
        assertThat(entries.status()).isEqualTo(200);
        return StreamSupport.stream(entries.body().spliterator(), false)
                .filter(entry -> caseId.equals(entry.get("caseId").asString()))
                .map(entry -> entry.get("id").asString())
                .findFirst();
    }

    private static JsonNode queue(JsonNode summary, String list, String name) {
        return StreamSupport.stream(summary.get(list).spliterator(), false)
                .filter(queue -> name.equals(queue.get("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + summary));
    }

    static JsonNode healthOf(String component) {
        Response health = operations().get("/actuator/health");
        assertThat(health.status()).as("DEGRADED still answers 200").isEqualTo(200);
        return health.body().get("components").get(component);
    }

    static double gauge(String name, String... tags) {
        StringBuilder uri = new StringBuilder("/actuator/metrics/" + name + "?");
        for (String tag : tags) {
            uri.append("tag=").append(tag).append('&');
        }
        Response metric = operations().get(uri.toString());
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        return metric.body().get("measurements").get(0).get("value").asDouble();
    }

    /** Sends an unreadable record of the case to the consumed topic; answers its dead letter's id once it is there. */
    private static String deadLettered(CaseId caseId, String unreadable) {
        service.kafka()
                .sendRaw(new ProducerRecord<>(
                        OperationsTestApplication.TOPIC,
                        caseId.toString(),
                        unreadable.getBytes(StandardCharsets.UTF_8)));
        return await().atMost(ServiceHarness.PATIENCE)
                .until(() -> entryOfCase("topic", DLT, caseId.toString()), Optional::isPresent)
                .orElseThrow();
    }

    private static LedgerProjection projection() {
        return service.spring().getBean(LedgerProjection.class);
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(service.spring().getBean(DataSource.class));
    }

    private static List<String> eventsOf(String stream) {
        return jdbc().sql("select convert_from(payload, 'UTF8') from domain_event_entry "
                        + "where aggregate_identifier = :id order by sequence_number")
                .param("id", stream)
                .query(String.class)
                .list();
    }

    private static List<String> metaDataOf(String stream) {
        return jdbc().sql("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                        + "where aggregate_identifier = :id order by sequence_number")
                .param("id", stream)
                .query(String.class)
                .list();
    }
}

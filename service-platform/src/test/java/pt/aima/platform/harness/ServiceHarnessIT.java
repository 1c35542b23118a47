package pt.aima.platform.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.fixture.harnessapp.HarnessTestApplication;
import pt.aima.infra.IntegrationEventsClient;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.scheduling.BiometricsCollected;
import pt.aima.platform.inbox.DeadLetterErrorHandlerFactory;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;

/**
 * The harness against a small service on the platform, with a real PostgreSQL and a real Kafka broker: what it sends
 * carries the test's correlation id and the caller's token, and what it reads (event store, inbox, consumer offsets)
 * is what the service did.
 */
@SpringBootTest(
        classes = HarnessTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=harness-it",
            "aima.service.name=harness-it",
            "aima.service.consumes=" + ServiceHarnessIT.TOPIC
        })
class ServiceHarnessIT {

    static final String TOPIC = "aima.harness-it.inbound.v1";
    private static final Set<String> correlationIdsSeen = new HashSet<>();

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_harness_it");
    }

    @Test
    void requestsCarryTheTestsCorrelationIdAndTheEventsTheyCauseAreCountedForThisTestOnly() {
        CaseId caseId = CaseId.newId();
        long before = service.eventStore().countCausedByThisTest();

        Response counted = service.as("caseworker-1", "CASEWORKER").post("/tallies/{id}", null, caseId);

        assertThat(counted.status()).isEqualTo(202);
        assertThat(counted.body().get("caseId").asString()).isEqualTo(caseId.toString());
        assertThat(counted.correlationId()).isEqualTo(service.correlationId());
        assertThat(before).isZero();
        assertThat(service.eventStore().countCausedByThisTest()).isEqualTo(1);
        assertThat(service.eventStore().typesCausedByThisTest()).containsExactly("Counted");
        assertThat(service.eventStore().types(caseId)).containsExactly("Counted");
        assertThat(service.eventStore().countCausedBy("it-" + UUID.randomUUID()))
                .isZero();
    }

    @Test
    void everyTestHasACorrelationIdOfItsOwn() {
        assertThat(service.correlationId()).startsWith("it-");
        assertThat(correlationIdsSeen.add(service.correlationId())).isTrue();
    }

    @Test
    void everyOtherTestHasACorrelationIdOfItsOwnToo(ServiceHarness injected) {
        assertThat(injected).isSameAs(service);
        assertThat(correlationIdsSeen.add(service.correlationId())).isTrue();
    }

    @Test
    void refusalsAndMissingRightsAreProblemDetails() {
        CaseId caseId = CaseId.newId();

        Response refused = service.as("caseworker-1", "CASEWORKER").post("/tallies/{id}/refusals", null, caseId);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problem().rule()).isEqualTo("TALLY_REFUSED");
        assertThat(refused.problem().status()).isEqualTo(409);

        Response anonymous = service.anonymous().post("/tallies/{id}", null, caseId);
        assertThat(anonymous.status()).isEqualTo(401);

        Response auditor = service.as("auditor-1", "AUDITOR").post("/tallies/{id}", null, caseId);
        assertThat(auditor.status()).isEqualTo(403);

        Response malformed = service.as("caseworker-1", "CASEWORKER").post("/tallies/{id}", null, "not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.problem().detail()).isNotBlank();

        assertThat(service.eventStore().countCausedByThisTest()).isZero();
        assertThat(service.eventStore().count(caseId)).isZero();
    }

    @Test
    void anEventIsAppliedOnceAndADuplicateIsShownToChangeNothingWithoutSleeping() {
        CaseId caseId = CaseId.newId();
        var completed = service.publish(TOPIC, new DocumentChecklistCompleted(caseId));

        service.inbox().awaitProcessed(completed);
        assertThat(service.inbox().count(caseId)).isEqualTo(1);
        assertThat(service.eventStore().count(caseId)).isEqualTo(1);
        assertThat(service.eventStore().countCausedByThisTest())
                .as("the command carried the envelope's correlation id")
                .isEqualTo(1);

        var duplicate = service.kafka().send(TOPIC, completed);
        service.awaitConsumed(duplicate);
        assertThat(service.eventStore().count(caseId))
                .as("the duplicate changed nothing")
                .isEqualTo(1);
        assertThat(service.inbox().count(caseId)).isEqualTo(1);

        service.inbox().forget(completed);
        service.awaitConsumed(service.kafka().send(TOPIC, completed));
        assertThat(service.inbox().processed(completed)).isTrue();
        assertThat(service.eventStore().count(caseId))
                .as("without its inbox row, the redelivery is applied again (this aggregate does not dedupe)")
                .isEqualTo(2);
    }

    @Test
    void unsubscribedAndUnreadableRecordsAreConsumedWithoutAnEffect() {
        CaseId caseId = CaseId.newId();
        var other = service.kafka().send(TOPIC, service.envelope(new BiometricsCollected(caseId, "LISBOA-1")));
        service.awaitConsumed(other);

        var unreadable = service.kafka()
                .sendRaw(new ProducerRecord<>(
                        TOPIC, caseId.toString(), "{not an envelope".getBytes(StandardCharsets.UTF_8)));
        service.awaitConsumed(unreadable);

        assertThat(service.inbox().count(caseId)).isZero();
        assertThat(service.eventStore().count(caseId)).isZero();
        var dead = service.kafka()
                .awaitRecord(Topics.deadLetterTopic(TOPIC, service.serviceName()), record -> caseId.toString()
                        .equals(record.key()));
        assertThat(IntegrationEventsClient.header(dead, DeadLetterErrorHandlerFactory.REASON_HEADER))
                .startsWith("MalformedEventException");
    }

    @Test
    void tokensAreSignedByTheIssuerTheServiceTrusts() {
        String token = service.token("operations-1", "OPERATIONS");
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(service.as("operations-1", "OPERATIONS").token()).isNotEqualTo(token);
        assertThat(List.of(service.serviceName(), service.consumerGroup())).containsOnly("harness-it");
    }
}

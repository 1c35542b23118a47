package pt.aima.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.fixture.opsapp.LedgerProjection;
import pt.aima.fixture.opsapp.OperationsTestApplication;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.platform.relay.KafkaEventRelay;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * Projection health against a real event store: a stopped projection falls behind as events are appended, shows its
 * lag in the list, the gauges and health (DEGRADED beyond the threshold, still HTTP 200), and once running again catches
 * up to a lag of 0 and UP.
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
            "aima.projections.lag-threshold-events=5",
            "aima.projections.lag-threshold-seconds=3600",
            "aima.projections.check-interval=200ms"
        })
class ProjectionHealthIT {

    private static final String PROJECTION = OperationsTestApplication.PROJECTION;

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_projection_health_it");
    }

    @Test
    void aStoppedProjectionShowsItsLagAndDegradesHealthUntilItCatchesUp() {
        String first = record();
        await().atMost(ServiceHarness.PATIENCE).until(() -> projection().note(first), Optional::isPresent);
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
            JsonNode ledger = projection(PROJECTION);
            assertThat(ledger.get("lagEvents").asLong()).isZero();
            assertThat(ledger.get("lagSeconds").asLong()).isZero();
            assertThat(ledger.get("status").asString()).isEqualTo("UP");
            assertThat(ledger.get("position").asLong())
                    .isEqualTo(ledger.get("head").asLong());
            assertThat(health().get("status").asString()).isEqualTo("UP");
        });
        long caughtUpAt = projection(PROJECTION).get("head").asLong();

        EventProcessor processor = processor();
        processor.shutDown();
        for (int i = 0; i < 6; i++) {
            record();
        }

        // Stopped, it is where its stored tokens say: a segment that handled none of the events stores its token only
        // now and then, so it may stand further back than the last event (never further on).
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
            JsonNode ledger = projection(PROJECTION);
            assertThat(ledger.get("running").asBoolean()).isFalse();
            assertThat(ledger.get("head").asLong()).isEqualTo(caughtUpAt + 6);
            long position = ledger.get("position").asLong();
            assertThat(position).isLessThanOrEqualTo(caughtUpAt);
            assertThat(ledger.get("lagEvents").asLong()).isEqualTo(caughtUpAt + 6 - position);
            assertThat(ledger.get("oldestUnprocessedAt").isNull()).isFalse();
            assertThat(ledger.get("status").asString()).isEqualTo("DEGRADED");
            assertThat(ledger.get("segments")).hasSize(2);
            ledger.get("segments")
                    .forEach(segment ->
                            assertThat(segment.get("position").asLong()).isBetween(position, caughtUpAt));
            JsonNode health = health();
            assertThat(health.get("status").asString()).isEqualTo("DEGRADED");
            JsonNode component = health.get("components").get("projections");
            assertThat(component.get("status").asString()).isEqualTo("DEGRADED");
            assertThat(component
                            .get("details")
                            .get("projections")
                            .get(PROJECTION)
                            .get("lagEvents")
                            .asLong())
                    .isGreaterThanOrEqualTo(6);
            assertThat(gauge("aima.projection.lag.events")).isGreaterThanOrEqualTo(6.0);
        });
        // the relay kept running: it is listed, caught up
        assertThat(projection(KafkaEventRelay.PROCESSING_GROUP).get("running").asBoolean())
                .isTrue();
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> assertThat(
                        projection(PROJECTION).get("lagSeconds").asLong())
                .isGreaterThanOrEqualTo(1));
        assertThat(gauge("aima.projection.lag.seconds")).isGreaterThanOrEqualTo(1.0);

        processor.start();

        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
            JsonNode ledger = projection(PROJECTION);
            assertThat(ledger.get("running").asBoolean()).isTrue();
            assertThat(ledger.get("lagEvents").asLong()).isZero();
            assertThat(ledger.get("lagSeconds").asLong()).isZero();
            assertThat(ledger.get("status").asString()).isEqualTo("UP");
            assertThat(health().get("components")
                            .get("projections")
                            .get("status")
                            .asString())
                    .isEqualTo("UP");
            assertThat(gauge("aima.projection.lag.events")).isZero();
            assertThat(gauge("aima.projection.lag.seconds")).isZero();
        });
    }

    @Test
    void operationsAndAuditorsReadTheListOthersDoNot() {
        assertThat(service.as("auditor-1", "AUDITOR")
                        .get("/operations/projections")
                        .status())
                .isEqualTo(200);
        assertThat(service.as("caseworker-1", "CASEWORKER")
                        .get("/operations/projections")
                        .status())
                .isEqualTo(403);
        assertThat(service.anonymous().get("/operations/projections").status()).isEqualTo(401);
    }

    private static String record() {
        String caseId = UUID.randomUUID().toString();
        assertThat(operations().post("/ledger/{id}", null, caseId).status()).isEqualTo(202);
        return caseId;
    }

    private static JsonNode projection(String name) {
        Response list = operations().get("/operations/projections");
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.body().spliterator(), false)
                .filter(entry -> name.equals(entry.get("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not listed: " + list.body()));
    }

    private static JsonNode health() {
        Response health = operations().get("/actuator/health");
        assertThat(health.status()).as("DEGRADED still answers 200").isEqualTo(200);
        return health.body();
    }

    private static double gauge(String name) {
        Response metric = operations().get("/actuator/metrics/" + name + "?tag=processing_group:" + PROJECTION);
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        return metric.body().get("measurements").get(0).get("value").asDouble();
    }

    private static EventProcessor processor() {
        return service.spring()
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor(PROJECTION)
                .orElseThrow();
    }

    private static Caller operations() {
        return service.as("operations-1", "OPERATIONS");
    }

    private static LedgerProjection projection() {
        return service.spring().getBean(LedgerProjection.class);
    }
}

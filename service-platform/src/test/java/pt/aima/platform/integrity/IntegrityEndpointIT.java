package pt.aima.platform.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.fixture.opsapp.OperationsTestApplication;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.testing.harness.Response;
import pt.aima.platform.testing.harness.ServiceHarness;
import tools.jackson.databind.JsonNode;

/**
 * A service on the platform signs checkpoints of its event store on its own and publishes them on its checkpoint
 * topic; an auditor verifies the store over HTTP and sees a changed event named.
 */
@SpringBootTest(
        classes = OperationsTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=" + IntegrityEndpointIT.SERVICE,
            "aima.service.name=" + IntegrityEndpointIT.SERVICE,
            "aima.service.consumes=" + OperationsTestApplication.TOPIC,
            "spring.flyway.locations=classpath:db/platform,classpath:db/opsapp",
            "aima.integrity.checkpoint-interval=300ms"
        })
class IntegrityEndpointIT {

    static final String SERVICE = "integrity-it";

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_integrity_it");
    }

    @Test
    void anAuditorVerifiesTheStoreAgainstTheCheckpointsTheServicePublishedAndSeesAChangedEventNamed() {
        CaseId caseId = CaseId.newId();
        service.as("caseworker-1", "CASEWORKER").post("/ledger/{id}", null, caseId);
        service.as("caseworker-1", "CASEWORKER").post("/ledger/{id}", null, caseId);
        await().atMost(ServiceHarness.PATIENCE).untilAsserted(() -> {
            PublishedCheckpoints published = CheckpointTopic.read(
                    KafkaCheckpointClients.readers(LocalInfrastructure.shared().kafkaBootstrapServers()),
                    Checkpoint.topic(SERVICE),
                    Duration.ofSeconds(10));
            assertThat(published.entries())
                    .anySatisfy(entry -> assertThat(entry.checkpoint().upToGlobalIndex())
                            .isGreaterThanOrEqualTo(globalIndex(caseId, 1)));
        });

        Response intact = auditor();
        assertThat(intact.status()).isEqualTo(200);
        assertThat(intact.body().get("status").asString())
                .as(intact.body().toString())
                .isEqualTo("INTACT");
        assertThat(intact.body().get("service").asString()).isEqualTo(SERVICE);
        assertThat(intact.body().get("publishedCopies").asString()).isEqualTo("CHECKED");
        assertThat(intact.body().get("checkpoints").asLong()).isPositive();
        assertThat(intact.body().get("trustedPublicKey").asString())
                .isEqualTo(
                        service.spring().getBean(SigningKey.class).publicKey().base64());
        assertThat(service.as("caseworker-1", "CASEWORKER")
                        .get("/audit/integrity")
                        .status())
                .isEqualTo(403);
        assertThat(service.as("operations-1", "OPERATIONS")
                        .get("/audit/integrity")
                        .status())
                .isEqualTo(403);

        long changed = globalIndex(caseId, 1);
        jdbc().sql("update domain_event_entry set payload = overlay(payload placing '\\x21'::bytea from 3 for 1)"
                        + " where global_index = ?")
                .param(changed)
                .update();

        Response tampered = auditor();
        assertThat(tampered.status()).isEqualTo(200);
        assertThat(tampered.body().get("status").asString()).isEqualTo("TAMPERED");
        JsonNode finding = tampered.body().get("findings").get(0);
        assertThat(finding.get("kind").asString()).isEqualTo("CONTENT_CHANGED");
        assertThat(finding.get("aggregate").asString()).isEqualTo(caseId.toString());
        assertThat(finding.get("sequence").asLong()).isEqualTo(1);
        assertThat(finding.get("globalIndex").asLong()).isEqualTo(changed);
        assertThat(tampered.body().get("findings").size()).isEqualTo(1);
    }

    private static Response auditor() {
        return service.as("auditor-1", "AUDITOR").get("/audit/integrity");
    }

    private static long globalIndex(CaseId caseId, long sequence) {
        return jdbc().sql("select global_index from domain_event_entry where aggregate_identifier = ?"
                        + " and sequence_number = ?")
                .params(caseId.toString(), sequence)
                .query(Long.class)
                .optional()
                .orElse(Long.MAX_VALUE);
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(service.spring().getBean(DataSource.class));
    }
}

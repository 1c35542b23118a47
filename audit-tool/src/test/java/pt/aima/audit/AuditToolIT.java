package pt.aima.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pt.aima.infra.LocalInfrastructure;
import pt.aima.platform.integrity.Checkpointer;
import pt.aima.platform.integrity.KafkaCheckpointClients;
import pt.aima.platform.integrity.SigningKey;
import pt.aima.platform.testing.integrity.EventStoreDatabase;

/** The auditor's tool against real stores written and checkpointed by the platform, and their checkpoint topics. */
class AuditToolIT {

    private final String kafka = LocalInfrastructure.shared().kafkaBootstrapServers();
    private final KafkaCheckpointClients.Publisher publisher = new KafkaCheckpointClients.Publisher(kafka);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void closePublisher() {
        publisher.close();
    }

    /** A store of a service of its own, with three cases, checkpointed and published; its key. */
    private record Service(String name, EventStoreDatabase store, SigningKey key) {}

    private Service service() {
        String name = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        EventStoreDatabase store = EventStoreDatabase.create("audit_tool_it");
        SigningKey key = SigningKey.generate();
        store.append("case-a", "a0", "a1", "a2");
        store.append("case-b", "b0", "b1");
        new Checkpointer(name, store.dataSource(), key, publisher, Duration.ofMinutes(10), 100_000).run();
        store.append("case-c", "c0");
        return new Service(name, store, key);
    }

    private int audit(String... extra) {
        return new AuditTool(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false)
                .run(extra);
    }

    private List<String> storesOf(Service... services) {
        List<String> args = new ArrayList<>();
        for (Service service : services) {
            args.add("--store");
            args.add(service.name() + "=" + service.store().settings().jdbcUrl());
        }
        args.addAll(List.of(
                "--user", services[0].store().settings().username(),
                "--password", services[0].store().settings().password(),
                "--kafka", kafka));
        return args;
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void intactStoresExitZeroAfterAProgressBarPerPass() {
        Service application = service();
        Service document = service();

        int status = audit(storesOf(application, document).toArray(String[]::new));

        assertThat(status).as(output() + err).isZero();
        assertThat(output())
                .contains("== " + application.name())
                .contains("trusting key " + application.key().keyId())
                .contains("--trust " + application.name() + "="
                        + application.key().publicKey().base64())
                .contains("chains      [##############################] 100% 6/6")
                .contains("checkpoints [##############################] 100% 6/6")
                .contains("INTACT: 6 events in 3 streams; 1 checkpoint(s) verified (latest #1 up to global index 5);"
                        + " published copies CHECKED")
                .contains("every store is intact");
    }

    @Test
    void aDeletedEventExitsOneAndIsNamedWhileTheOtherStoreIsStillVerified() {
        Service application = service();
        Service document = service();
        long deleted = document.store().globalIndex("case-a", 1);
        document.store()
                .jdbc()
                .sql("delete from domain_event_entry where global_index = ?")
                .param(deleted)
                .update();

        int status = audit(storesOf(application, document).toArray(String[]::new));

        assertThat(status).as(output()).isEqualTo(AuditTool.FOUND);
        assertThat(output())
                .contains("SEQUENCE_GAP aggregate case-a sequence 1: sequence 1 is missing")
                .contains("EVENT_DELETED aggregate case-a sequence 1 global index " + deleted + " checkpoint #1")
                .containsPattern(application.name() + " +INTACT")
                .containsPattern(document.name() + " +TAMPERED")
                .contains("TAMPERING FOUND");
    }

    @Test
    void checkpointsSignedByAnotherKeyThanThePinnedOneAreForged() {
        Service application = service();
        List<String> args = storesOf(application);
        args.addAll(List.of(
                "--trust",
                application.name() + "=" + SigningKey.generate().publicKey().base64()));

        assertThat(audit(args.toArray(String[]::new))).isEqualTo(AuditTool.FOUND);
        assertThat(output()).contains("CHECKPOINT_FORGED").contains("not by the service's key");
    }

    @Test
    void aStoreThatCannotBeReadOrAWrongCommandLineExitsTwo() {
        assertThat(audit("--store", "x=jdbc:postgresql://127.0.0.1:1/none", "--user", "nobody"))
                .isEqualTo(AuditTool.UNVERIFIED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("x could not be verified");
        assertThat(audit("--kafka", kafka)).isEqualTo(AuditTool.UNVERIFIED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("name at least one store")
                .contains("usage:");
    }
}

package pt.aima.notification;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.notification.process.hold.HeldNotifications;
import pt.aima.notification.process.hold.HoldSweep;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.testing.harness.Caller;
import pt.aima.platform.testing.harness.ServiceHarness;
import pt.aima.platform.testing.tracing.FinishedSpans;
import tools.jackson.databind.JsonNode;

/**
 * The one Spring context of notification-service's integration tests (every IT class extends this, so the context is
 * started once): real PostgreSQL and Kafka, and a real SMTP server in the test JVM. Deliveries are polled and retried
 * quickly, and an e-mail waits only briefly for contact data that never comes.
 *
 * <p>Tokens, REST calls, Kafka and the event-store and inbox probes are the platform's {@link ServiceHarness}; this
 * base adds only what is notification-service's own: the portal inbox, the delivery outbox and the portal-inbox
 * rebuild. The spans the service finishes are kept ({@link FinishedSpans}) for the tests of its traces.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Snapshots after a few events, so the tests also load cases from snapshots.
            "aima.notification.snapshot-threshold=2",
            "aima.notification.delivery.poll-interval=200ms",
            "aima.notification.delivery.initial-backoff=300ms",
            "aima.notification.delivery.max-backoff=1s",
            "aima.notification.delivery.contact-wait=3s",
            "spring.mail.host=127.0.0.1",
            "spring.mail.properties.mail.smtp.connectiontimeout=1000",
            "spring.mail.properties.mail.smtp.timeout=2000"
        })
@Import(FinishedSpans.class)
public abstract class NotificationServiceTestBase {

    static final String SMS_DIRECTORY = "target/sms-it";

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "notification_service_it");
        registry.add("spring.mail.port", () -> TestMailServer.shared().port());
        registry.add("aima.notification.delivery.sms-directory", () -> SMS_DIRECTORY);
    }

    /** Staff who may read every case's inbox. */
    static Caller caseworker() {
        return service.as("caseworker-1", "CASEWORKER");
    }

    static ApplicationRegistered registration(CaseId caseId, String applicantId, MemberId child, String language) {
        return new ApplicationRegistered(
                caseId,
                applicantId,
                LocalDate.of(2026, 11, 20),
                List.of(new HouseholdMember(child, Relationship.MINOR_CHILD, LocalDate.of(2015, 3, 1), true)),
                language);
    }

    /** The case's portal inbox as {@code caller} reads it (null body for a refusal). */
    static JsonNode inbox(CaseId caseId, Caller caller) {
        return caller.get("/cases/{id}/notifications", caseId).body();
    }

    /**
     * Ends every hold now, as the hold sweep does once {@code aima.notification.hold.max-wait} has passed: the held
     * notifications are written with what is known. Answers how many cases were asked.
     */
    static int releaseHeldNotificationsNow() {
        return new HoldSweep(
                        service.spring().getBean(HeldNotifications.class),
                        service.spring().getBean(ActingCommandGateway.class),
                        new SimpleMeterRegistry(),
                        Duration.ZERO)
                .releaseExpired();
    }

    /** How many notifications the case holds, as the hold sweep sees them. */
    static long heldNotifications(CaseId caseId) {
        return jdbc().sql("select count(*) from held_notification where case_id = :id")
                .param("id", caseId.value())
                .query(Long.class)
                .single();
    }

    /** Waits until the case's portal inbox holds exactly {@code notifications}; answers it. */
    static JsonNode awaitInbox(CaseId caseId, Caller caller, int notifications) {
        return await("portal inbox of " + caseId + " with " + notifications + " notifications")
                .atMost(ServiceHarness.PATIENCE)
                .until(
                        () -> inbox(caseId, caller),
                        body -> body != null && body.isArray() && body.size() == notifications);
    }

    /** The kinds of the case's portal-inbox notifications, in order; empty while there is no inbox. */
    static List<String> inboxKinds(CaseId caseId) {
        JsonNode inbox = inbox(caseId, caseworker());
        List<String> kinds = new ArrayList<>();
        if (inbox != null && inbox.isArray()) {
            inbox.forEach(notification -> kinds.add(notification.get("kind").asString()));
        }
        return kinds;
    }

    /**
     * Waits until none of the case's e-mails and SMS is pending any more and every outcome has been reported to the
     * case: from then on the sender neither sends nor stores anything more for it (unless a new record arrives or
     * operations retry). Call it after the case's records are consumed ({@code awaitConsumed}, an inbox row).
     */
    static void awaitDeliveriesSettled(CaseId caseId) {
        await("the deliveries of " + caseId + " sent or failed, and reported")
                .atMost(ServiceHarness.PATIENCE)
                .until(() -> jdbc().sql(
                                        """
                                select count(*) from notification_delivery
                                where case_id = :id and (status = 'PENDING' or not outcome_reported)
                                """)
                                .param("id", caseId.value())
                                .query(Long.class)
                                .single()
                        == 0);
    }

    /** The case's rows in the delivery outbox with {@code status} (PENDING, SENT or FAILED). */
    static long deliveries(CaseId caseId, String status) {
        return jdbc().sql("select count(*) from notification_delivery where case_id = :id and status = :status")
                .param("id", caseId.value())
                .param("status", status)
                .query(Long.class)
                .single();
    }

    /** The case's rows in the delivery outbox, whatever their status. */
    static long deliveries(CaseId caseId) {
        return jdbc().sql("select count(*) from notification_delivery where case_id = :id")
                .param("id", caseId.value())
                .query(Long.class)
                .single();
    }

    /** Rebuilds the portal inbox from the event store: the processor starts again from the first event. */
    static void rebuildPortalInbox() {
        PooledStreamingEventProcessor processor = service.spring()
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor("portal-inbox", PooledStreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    static JdbcClient jdbc() {
        return service.spring().getBean(JdbcClient.class);
    }
}

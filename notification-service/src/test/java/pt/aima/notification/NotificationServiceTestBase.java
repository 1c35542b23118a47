package pt.aima.notification;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.infra.SpringTestInfrastructure;

/**
 * The one Spring context of notification-service's integration tests (every IT class extends this, so the context is
 * started once): real PostgreSQL and Kafka, and a real SMTP server in the test JVM. Deliveries are polled and retried
 * quickly, and an e-mail waits only briefly for contact data that never comes.
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
abstract class NotificationServiceTestBase {

    static final String SMS_DIRECTORY = "target/sms-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "notification_service_it");
        registry.add("spring.mail.port", () -> TestMailServer.shared().port());
        registry.add("aima.notification.delivery.sms-directory", () -> SMS_DIRECTORY);
    }
}

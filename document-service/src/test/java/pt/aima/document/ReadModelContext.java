package pt.aima.document;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.infra.SpringTestInfrastructure;

/**
 * The service on a real PostgreSQL (and Kafka) for tests that call a projection's event handlers directly, with the
 * sequence numbers a redelivery or a stale event would carry. One Spring context (one database) for all of them: the
 * property source is declared once, here. The cases they make up are not in the event store, so the live processors
 * never touch their rows.
 */
@SpringBootTest
public abstract class ReadModelContext {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "document_read_models_it");
    }
}

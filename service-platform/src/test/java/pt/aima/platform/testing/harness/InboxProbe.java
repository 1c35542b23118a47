package pt.aima.platform.testing.harness;

import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.ids.CaseId;

/**
 * The service's inbox (the platform's {@code inbox} table): the integration events its consumer has applied, each
 * written in the transaction of its effect. An inbox row means the effect is committed; waiting for it replaces
 * sleeping.
 */
public final class InboxProbe {

    private final JdbcClient jdbc;
    private final String consumer;

    InboxProbe(JdbcClient jdbc, String consumer) {
        this.jdbc = jdbc;
        this.consumer = consumer;
    }

    /** Whether the service has applied the event (its effect is committed). */
    public boolean processed(EventEnvelope<?> envelope) {
        return processed(envelope.eventId());
    }

    public boolean processed(UUID eventId) {
        return jdbc.sql("select count(*) from inbox where consumer = :consumer and event_id = :eventId")
                        .param("consumer", consumer)
                        .param("eventId", eventId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Waits until the service has applied the event; fails the test after {@link ServiceHarness#PATIENCE}. */
    public void awaitProcessed(EventEnvelope<?> envelope) {
        Awaitility.await("inbox row of " + envelope.type() + " " + envelope.eventId() + " for " + consumer)
                .atMost(ServiceHarness.PATIENCE)
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> processed(envelope));
    }

    /** How many distinct events of the case the service has applied. */
    public long count(CaseId caseId) {
        return jdbc.sql("select count(*) from inbox where consumer = :consumer and case_id = :caseId")
                .param("consumer", consumer)
                .param("caseId", caseId.value())
                .query(Long.class)
                .single();
    }

    /**
     * Deletes the event's inbox row, as a restored backup or a lost row would: the service will apply a redelivery
     * again, and whatever guards it (the aggregate, a read model) is put to the test.
     */
    public void forget(EventEnvelope<?> envelope) {
        jdbc.sql("delete from inbox where consumer = :consumer and event_id = :eventId")
                .param("consumer", consumer)
                .param("eventId", envelope.eventId())
                .update();
    }
}

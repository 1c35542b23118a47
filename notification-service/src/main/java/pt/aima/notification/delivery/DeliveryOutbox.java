package pt.aima.notification.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.platform.acting.ActingContext;

/**
 * Puts every e-mail and SMS notification in the delivery outbox, in the transaction that stores the notification's
 * event: the processing group is <b>subscribing</b> (see application.yml), so the row commits with the event or not at
 * all, and nothing ever replays it. Resetting the portal inbox, or rebuilding any projection, sends nothing.
 *
 * <p>The row is keyed by the notification's id, itself derived from (case, triggering event, channel), so the same
 * notification can never be queued twice.
 */
@Component
@ProcessingGroup(DeliveryOutbox.PROCESSING_GROUP)
public class DeliveryOutbox {

    public static final String PROCESSING_GROUP = "delivery-outbox";

    private final JdbcClient jdbc;

    DeliveryOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(
            NotificationStored event,
            @Timestamp Instant at,
            @MetaDataValue(ActingContext.CORRELATION_ID) String correlationId) {
        if (event.channel().deliveredByStoring()) {
            return;
        }
        jdbc.sql(
                        """
                insert into notification_delivery (notification_id, case_id, triggering_event_id, recipient_id, kind,
                    channel, language, subject, body, status, attempts, next_attempt_at, correlation_id, created_at)
                values (:notificationId, :caseId, :triggeringEventId, :recipientId, :kind, :channel, :language,
                    :subject, :body, 'PENDING', 0, :at, :correlationId, :at)
                on conflict do nothing
                """)
                .param("notificationId", event.notificationId().value())
                .param("caseId", event.caseId().value())
                .param("triggeringEventId", event.triggeringEventId())
                .param("recipientId", event.recipientId())
                .param("kind", event.kind().name())
                .param("channel", event.channel().name())
                .param("language", event.language().name().toLowerCase(Locale.ROOT))
                .param("subject", event.subject())
                .param("body", event.body())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param(
                        "correlationId",
                        correlationId == null ? event.triggeringEventId().toString() : correlationId)
                .update();
    }

    /**
     * The applicant's contact data arrived: deliveries that failed for the lack of it are due again at once, and
     * those still waiting for it need not wait any longer.
     */
    public void contactArrived(UUID caseId) {
        jdbc.sql(
                        """
                update notification_delivery
                set status = 'PENDING', attempts = 0, next_attempt_at = now(), failure_code = null,
                    failure_reason = null
                where case_id = :caseId
                  and (status = 'PENDING' or (status = 'FAILED' and failure_code = :noContact))
                """)
                .param("caseId", caseId)
                .param("noContact", DeliveryFailure.NO_CONTACT_DATA)
                .update();
    }

    /** Operations put a failed delivery back in the queue; false when there is no failed delivery by that id. */
    public boolean retry(UUID notificationId) {
        return jdbc.sql(
                                """
                        update notification_delivery
                        set status = 'PENDING', attempts = 0, next_attempt_at = now(), failure_code = null,
                            failure_reason = null
                        where notification_id = :id and status = 'FAILED'
                        """)
                        .param("id", notificationId)
                        .update()
                == 1;
    }
}

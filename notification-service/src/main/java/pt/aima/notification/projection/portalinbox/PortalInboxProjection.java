package pt.aima.notification.projection.portalinbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.Channel;

/**
 * The portal inbox of every case: the notifications stored for the portal channel, in the order they were written.
 * Built only from this service's event store, so a rebuild reproduces it exactly; every write is guarded by the
 * event's sequence number or the notification's id, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(PortalInboxProjection.PROCESSING_GROUP)
class PortalInboxProjection {

    static final String PROCESSING_GROUP = "portal-inbox";

    private final JdbcClient jdbc;

    PortalInboxProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RecipientIdentified event, @SequenceNumber long sequence) {
        jdbc.sql(
                        """
                insert into portal_inbox (case_id, applicant_id, last_sequence)
                values (:caseId, :applicantId, :sequence)
                on conflict (case_id) do update
                    set applicant_id = excluded.applicant_id, last_sequence = excluded.last_sequence
                    where portal_inbox.last_sequence < excluded.last_sequence
                """)
                .param("caseId", event.caseId().value())
                .param("applicantId", event.applicantId())
                .param("sequence", sequence)
                .update();
    }

    @EventHandler
    void on(NotificationStored event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (event.channel() != Channel.PORTAL_INBOX) {
            return;
        }
        jdbc.sql(
                        """
                insert into portal_inbox (case_id, applicant_id, last_sequence)
                values (:caseId, null, :sequence)
                on conflict (case_id) do update set last_sequence = excluded.last_sequence
                    where portal_inbox.last_sequence < excluded.last_sequence
                """)
                .param("caseId", event.caseId().value())
                .param("sequence", sequence)
                .update();
        jdbc.sql(
                        """
                insert into portal_notification (notification_id, case_id, sequence_number, kind, channel, language,
                                                 subject, body, triggering_event_id, created_at)
                values (:notificationId, :caseId, :sequence, :kind, :channel, :language, :subject, :body,
                        :triggeringEventId, :at)
                on conflict (notification_id) do nothing
                """)
                .param("notificationId", event.notificationId().value())
                .param("caseId", event.caseId().value())
                .param("sequence", sequence)
                .param("kind", event.kind().name())
                .param("channel", event.channel().name())
                .param("language", event.language().name().toLowerCase(Locale.ROOT))
                .param("subject", event.subject())
                .param("body", event.body())
                .param("triggeringEventId", event.triggeringEventId())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("truncate portal_notification, portal_inbox").update();
    }
}

package pt.aima.notification.projection.portalinbox;

import java.time.Instant;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationDataErased;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten;
import pt.aima.notification.casenotifications.CaseNotificationEvent.RecipientIdentified;
import pt.aima.notification.casenotifications.Channel;
import pt.aima.platform.privacy.Personal;
import pt.aima.platform.projection.Columns;
import pt.aima.platform.projection.ReadModelTable;

/**
 * The portal inbox of every case: the notifications stored for the portal channel, in the order they were written.
 * Built only from this service's event store, so a rebuild reproduces it exactly. The case's row ({@code portal_inbox})
 * is guarded by the event's sequence number and each notification by its id, so a redelivered event changes nothing.
 * The row may be started by either event: an appointment can reach this service before the case's registration.
 */
@Component
@ProcessingGroup(PortalInboxProjection.PROCESSING_GROUP)
class PortalInboxProjection {

    static final String PROCESSING_GROUP = "portal-inbox";

    private final JdbcClient jdbc;
    private final ReadModelTable inboxes;

    PortalInboxProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.inboxes =
                ReadModelTable.of(jdbc, "portal_inbox").withoutUpdatedAt().withDependents("portal_notification");
    }

    @EventHandler
    void on(RecipientIdentified event, @SequenceNumber long sequence, @Timestamp Instant at) {
        inboxes.upsert(event.caseId().value(), sequence, at, Columns.set("applicant_id", event.applicantId()));
    }

    @EventHandler
    void on(NotificationWritten event, @SequenceNumber long sequence, @Timestamp Instant at) {
        event.perChannel().forEach(copy -> on(copy, sequence, at));
    }

    /** One channel's copy, stored as an event of its own before {@link NotificationWritten}. */
    @EventHandler
    void on(NotificationStored event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (event.channel() != Channel.PORTAL_INBOX) {
            return;
        }
        // Whose inbox it is stays unknown (null) until the case's RecipientIdentified.
        inboxes.upsert(event.caseId().value(), sequence, at, Columns.none());
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
                .param("at", ReadModelTable.utc(at))
                .update();
    }

    /**
     * The words read as erased from here on (a rebuild reads them so from the events already: their key is gone); the
     * inbox itself stays, so the applicant's account still shows what was sent and when.
     */
    @EventHandler
    void on(NotificationDataErased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (inboxes.advance(event.caseId().value(), sequence, at)) {
            jdbc.sql("update portal_notification set subject = :erased, body = :erased where case_id = :caseId")
                    .param("erased", Personal.ERASED)
                    .param("caseId", event.caseId().value())
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        inboxes.reset();
    }
}

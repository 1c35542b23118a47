package pt.aima.notification.process.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationStored;
import pt.aima.notification.casenotifications.CaseNotificationEvent.NotificationWritten;
import pt.aima.notification.casenotifications.Language;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.observability.CaseTracing;

/**
 * The delivery outbox as the rest of the service sees it. Every e-mail and SMS notification is put in it in the
 * transaction that stores the notification's event: the processing group is <b>subscribing</b> (registered in
 * {@code config.AxonConfiguration}), so the row commits with the event or not at all, and nothing ever replays it.
 * Resetting the portal inbox, or rebuilding any projection, sends nothing.
 *
 * <p>The row is keyed by the notification's id, itself derived from (case, triggering event, channel), so the same
 * notification can never be queued twice.
 */
@Component
@ProcessingGroup(DeliveryOutbox.PROCESSING_GROUP)
public class DeliveryOutbox {

    public static final String PROCESSING_GROUP = "delivery-outbox";

    private final DeliveryOutboxStore store;

    DeliveryOutbox(DeliveryOutboxStore store) {
        this.store = store;
    }

    /** The row keeps the flow's correlation id and the trace of the event, so the delivery continues that trace. */
    @EventHandler
    void on(
            NotificationWritten event,
            @Timestamp Instant at,
            @MetaDataValue(ActingContext.CORRELATION_ID) String correlationId,
            @MetaDataValue(CaseTracing.TRACEPARENT) String traceparent,
            @MetaDataValue(CaseTracing.BAGGAGE) String baggage) {
        event.perChannel().forEach(copy -> on(copy, at, correlationId, traceparent, baggage));
    }

    /** One channel's copy, stored as an event of its own before {@link NotificationWritten}. */
    @EventHandler
    void on(
            NotificationStored event,
            @Timestamp Instant at,
            @MetaDataValue(ActingContext.CORRELATION_ID) String correlationId,
            @MetaDataValue(CaseTracing.TRACEPARENT) String traceparent,
            @MetaDataValue(CaseTracing.BAGGAGE) String baggage) {
        if (event.channel().deliveredByStoring()) {
            return;
        }
        store.enqueue(
                event,
                at,
                correlationId == null ? event.triggeringEventId().toString() : correlationId,
                new TraceContext(traceparent, baggage));
    }

    /**
     * The applicant's contact data arrived (the latest wins): deliveries that failed for the lack of it are due again
     * at once, and those still waiting for it need not wait any longer.
     */
    public void contactRegistered(UUID caseId, String applicantId, String email, String phone, Language language) {
        store.keepContact(caseId, applicantId, email, phone, language);
        store.releaseWaitingForContact(caseId);
    }

    /**
     * The applicant's personal data was erased: this service's copy of the contact goes, and so do the words of the
     * case's e-mails and SMS ({@link pt.aima.platform.privacy.Personal#ERASED}); those still waiting then wait for good
     * (listed as PENDING), and a contact that arrives later is not kept.
     */
    public void personalDataErased(UUID caseId, String applicantId) {
        store.eraseContact(caseId, applicantId);
        store.eraseTexts(caseId);
    }

    /** Operations put a failed delivery back in the queue; false when there is no failed delivery by that id. */
    public boolean retry(UUID notificationId) {
        return store.requeueFailed(notificationId);
    }

    /** Deliveries by status, oldest first, optionally of one case; at most {@code limit} (clamped to 1..1000). */
    public List<DeliveryView> deliveries(DeliveryStatus status, UUID caseId, int limit) {
        return store.deliveries(status, caseId, limit);
    }
}

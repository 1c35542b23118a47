package pt.aima.notification.process.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.NotificationId;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDelivered;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDeliveryFailed;
import pt.aima.notification.process.delivery.DeliveryOutboxStore.Unreported;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.observability.CaseTracing;

/**
 * Tells each case what became of its deliveries: {@code RecordDelivered} or {@code RecordDeliveryFailed}, whose events
 * the relay publishes (NotificationSent / NotificationFailed). Each report has a transaction of its own, apart from the
 * sending: a report that fails is retried at the next poll and never sends the message again; the case ignores a
 * report it already has. The report carries the correlation id of the event that caused the notification, and the
 * notification's id as its causation; it is sent inside the trace the delivery was queued in, so the published outcome
 * belongs to the case's trace too.
 */
public class DeliveryReporter {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReporter.class);

    private final DeliveryOutboxStore store;
    private final TransactionTemplate transaction;
    private final ActingCommandGateway commands;
    private final Actor service;
    private final CaseTracing tracing;

    public DeliveryReporter(
            DeliveryOutboxStore store,
            TransactionTemplate transaction,
            ActingCommandGateway commands,
            String serviceName,
            CaseTracing tracing) {
        this.store = store;
        this.transaction = transaction;
        this.commands = commands;
        this.service = Actor.system(serviceName);
        this.tracing = tracing;
    }

    /** Reports up to {@code max} outcomes; stops at the first report that fails (it is retried at the next poll). */
    void reportDue(int max) {
        for (int i = 0; i < max; i++) {
            try {
                if (!reportNext()) {
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("reporting a delivery's outcome to its case failed; retried at the next poll", e);
                return;
            }
        }
    }

    /** Reports the oldest unreported outcome; false when there is none. */
    boolean reportNext() {
        Boolean reported = transaction.execute(status -> {
            var claimed = store.claimNextUnreported();
            if (claimed.isEmpty()) {
                return false;
            }
            Unreported outcome = claimed.get();
            CaseId caseId = new CaseId(outcome.caseId());
            NotificationId notificationId = new NotificationId(outcome.notificationId());
            ActingContext context = new ActingContext(
                    service, outcome.correlationId(), outcome.notificationId().toString());
            try (CaseTracing.Scope traced = tracing.continueTrace(
                            outcome.trace().asMetaData(), "notification-delivery report " + outcome.status());
                    CaseTracing.Scope named = tracing.nameCase(caseId.toString(), outcome.correlationId())) {
                if (outcome.status() == DeliveryStatus.SENT) {
                    commands.send(new RecordDelivered(caseId, notificationId), context);
                } else {
                    commands.send(
                            new RecordDeliveryFailed(
                                    caseId, notificationId, outcome.failureCode(), outcome.failureReason()),
                            context);
                }
            }
            store.markReported(outcome.notificationId());
            return true;
        });
        return Boolean.TRUE.equals(reported);
    }
}

package pt.aima.notification.process.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * the relay publishes (NotificationSent / NotificationFailed). Reports run in transactions of their own, apart from
 * the sending, a poll's batch in one ({@link #reportDue}): a report that fails is retried at the next poll and never
 * sends the message again; the case ignores a report it already has. The report carries the correlation id of the
 * event that caused the notification, and the notification's id as its causation; it is sent inside the trace the
 * delivery was queued in, so the published outcome belongs to the case's trace too.
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

    /**
     * Reports up to {@code max} outcomes, the oldest first: in one transaction (one claim, one mark, one commit for them
     * all) when every report goes through; when one fails, the batch rolls back and they are reported one at a time,
     * each in its own transaction, so the one that fails is retried at the next poll without holding back the rest.
     *
     * @return how many were reported
     */
    int reportDue(int max) {
        List<UUID> batch = new ArrayList<>();
        try {
            transaction.executeWithoutResult(status -> {
                List<Unreported> claimed = store.claimUnreported(max);
                claimed.forEach(outcome -> batch.add(outcome.notificationId()));
                claimed.forEach(this::tell);
                store.markReported(batch);
            });
            return batch.size();
        } catch (RuntimeException e) {
            // The one that failed is logged with its cause below.
            log.info("a batch of delivery reports did not commit ({}); reporting them one at a time", e.toString());
        }
        int reported = 0;
        for (UUID notificationId : batch) {
            try {
                Boolean told = transaction.execute(status -> store.claimUnreported(notificationId)
                        .map(outcome -> {
                            tell(outcome);
                            store.markReported(List.of(notificationId));
                            return true;
                        })
                        .orElse(false));
                reported += Boolean.TRUE.equals(told) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn(
                        "reporting delivery {}'s outcome to its case failed; retried at the next poll",
                        notificationId,
                        e);
            }
        }
        return reported;
    }

    /** Sends the case the outcome's command, in the trace the delivery was queued in. */
    private void tell(Unreported outcome) {
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
    }
}

package pt.aima.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.NotificationId;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDelivered;
import pt.aima.notification.casenotifications.DeliveryCommand.RecordDeliveryFailed;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;

/**
 * Sends the delivery outbox. Every poll, per channel, it claims one due pending row at a time ({@code for update skip
 * locked}, so several instances never send the same row), sends it and, in the same transaction, marks it; then it
 * reports each outcome to the case, whose event the relay publishes (NotificationSent / NotificationFailed).
 *
 * <p>A channel that fails transiently (mail server down, not configured) leaves the row pending with its attempt
 * counted and the next attempt pushed back exponentially; the rest of that channel's queue waits for the next poll,
 * so a server that is down costs one attempt per poll, not one per message. Nothing is dropped: when the server
 * returns, every pending row goes out. Runs on its own thread, never on the Kafka consumer's.
 *
 * <p>Exactly once, as far as a mail server allows: a row is sent only while it is pending and locked, and marked sent
 * in the transaction that holds the lock. Only a crash between the server's acceptance and that commit can send a
 * message again. The outcome is reported to the case afterwards, in a transaction of its own, so a report that fails
 * is retried without sending anything again.
 */
class DeliverySender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ActingCommandGateway commands;
    private final List<DeliveryChannel> channels;
    private final DeliveryProperties properties;
    private final Actor service;
    private ScheduledExecutorService executor;

    DeliverySender(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            ActingCommandGateway commands,
            List<DeliveryChannel> channels,
            DeliveryProperties properties,
            String serviceName) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.commands = commands;
        this.channels = List.copyOf(channels);
        this.properties = properties;
        this.service = Actor.system(serviceName);
    }

    enum Outcome {
        NOTHING_DUE,
        DONE,
        CHANNEL_DOWN
    }

    /** One pass over every channel's due deliveries. */
    public void sendDue() {
        for (DeliveryChannel channel : channels) {
            for (int i = 0; i < properties.batchSize(); i++) {
                Outcome outcome;
                try {
                    outcome = transaction.execute(status -> sendNext(channel));
                } catch (RuntimeException e) {
                    log.warn("delivery over {} failed to complete; it stays pending", channel.channel(), e);
                    outcome = Outcome.CHANNEL_DOWN;
                }
                if (outcome != Outcome.DONE) {
                    break;
                }
            }
        }
        for (int i = 0; i < properties.batchSize(); i++) {
            try {
                if (!reportNext()) {
                    break;
                }
            } catch (RuntimeException e) {
                log.warn("reporting a delivery's outcome to its case failed; retried at the next poll", e);
                break;
            }
        }
    }

    private record Due(
            UUID notificationId,
            UUID caseId,
            String subject,
            String body,
            int attempts,
            String correlationId,
            boolean contactKnown,
            boolean waitedForContact,
            String address) {}

    private Outcome sendNext(DeliveryChannel channel) {
        Optional<Due> claimed = jdbc.sql(
                        """
                select d.notification_id, d.case_id, d.subject, d.body, d.attempts, d.correlation_id,
                       c.case_id is not null as contact_known,
                       d.created_at <= now() - make_interval(secs => :contactWait) as waited_for_contact,
                       c.%s as address
                from notification_delivery d left join applicant_contact c on c.case_id = d.case_id
                where d.status = 'PENDING' and d.channel = :channel and d.next_attempt_at <= now()
                order by d.next_attempt_at
                limit 1
                for update of d skip locked
                """
                                .formatted(channel.contactColumn()))
                .param("channel", channel.channel().name())
                .param("contactWait", (double) properties.contactWait().toMillis() / 1000)
                .query((rs, row) -> new Due(
                        rs.getObject("notification_id", UUID.class),
                        rs.getObject("case_id", UUID.class),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        rs.getString("correlation_id"),
                        rs.getBoolean("contact_known"),
                        rs.getBoolean("waited_for_contact"),
                        rs.getString("address")))
                .optional();
        if (claimed.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        Due due = claimed.get();
        if (due.address() == null || due.address().isBlank()) {
            if (due.contactKnown()) {
                fail(due, DeliveryFailure.NO_CONTACT_DATA, "the applicant gave no " + channel.contactColumn(), null);
            } else if (due.waitedForContact()) {
                fail(
                        due,
                        DeliveryFailure.NO_CONTACT_DATA,
                        "no contact data for the case's applicant: the case is unknown to notification-service or"
                                + " its contact never arrived",
                        null);
            } else {
                jdbc.sql(
                                """
                        update notification_delivery
                        set next_attempt_at = created_at + make_interval(secs => :contactWait)
                        where notification_id = :id
                        """)
                        .param("contactWait", (double) properties.contactWait().toMillis() / 1000)
                        .param("id", due.notificationId())
                        .update();
            }
            return Outcome.DONE;
        }
        try {
            channel.deliver(
                    new OutboundMessage(due.notificationId(), due.caseId(), due.address(), due.subject(), due.body()));
        } catch (DeliveryFailure failure) {
            int attempts = due.attempts() + 1;
            if (failure.permanent()) {
                fail(due, failure.code(), failure.getMessage(), failure.getMessage());
                return Outcome.DONE;
            }
            if (properties.maxAttempts() > 0 && attempts >= properties.maxAttempts()) {
                fail(
                        due,
                        DeliveryFailure.RETRIES_EXHAUSTED,
                        "gave up after " + attempts + " attempts (the last error is in the operations view)",
                        failure.getMessage());
                return Outcome.DONE;
            }
            Duration wait = properties.backoffAfter(attempts);
            jdbc.sql(
                            """
                    update notification_delivery
                    set attempts = :attempts, last_error = :error,
                        next_attempt_at = now() + make_interval(secs => :wait)
                    where notification_id = :id
                    """)
                    .param("attempts", attempts)
                    .param("error", failure.getMessage())
                    .param("wait", (double) wait.toMillis() / 1000)
                    .param("id", due.notificationId())
                    .update();
            log.info(
                    "{} {} not delivered ({}), attempt {}; next in {}",
                    channel.channel(),
                    due.notificationId(),
                    failure.getMessage(),
                    attempts,
                    wait);
            return Outcome.CHANNEL_DOWN;
        }
        jdbc.sql(
                        """
                update notification_delivery
                set status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = null,
                    outcome_reported = false
                where notification_id = :id
                """)
                .param("id", due.notificationId())
                .update();
        return Outcome.DONE;
    }

    private void fail(Due due, String code, String reason, String lastError) {
        jdbc.sql(
                        """
                update notification_delivery
                set status = 'FAILED', attempts = attempts + 1, failure_code = :code, failure_reason = :reason,
                    last_error = coalesce(:error, last_error), outcome_reported = false
                where notification_id = :id
                """)
                .param("code", code)
                .param("reason", reason)
                .param("error", lastError)
                .param("id", due.notificationId())
                .update();
    }

    private record Reported(
            UUID notificationId, UUID caseId, String status, String code, String reason, String correlationId) {}

    /**
     * Tells a case what became of one of its deliveries (the case publishes NotificationSent / NotificationFailed),
     * in a transaction of its own, apart from the sending: a report that fails is retried at the next poll and never
     * sends the message again; the case ignores a report it already has.
     */
    private boolean reportNext() {
        Boolean reported = transaction.execute(status -> {
            Optional<Reported> unreported = jdbc.sql(
                            """
                    select notification_id, case_id, status, failure_code, failure_reason, correlation_id
                    from notification_delivery
                    where status in ('SENT', 'FAILED') and not outcome_reported
                    order by created_at
                    limit 1
                    for update skip locked
                    """)
                    .query((rs, row) -> new Reported(
                            rs.getObject("notification_id", UUID.class),
                            rs.getObject("case_id", UUID.class),
                            rs.getString("status"),
                            rs.getString("failure_code"),
                            rs.getString("failure_reason"),
                            rs.getString("correlation_id")))
                    .optional();
            if (unreported.isEmpty()) {
                return false;
            }
            Reported outcome = unreported.get();
            CaseId caseId = new CaseId(outcome.caseId());
            NotificationId notificationId = new NotificationId(outcome.notificationId());
            ActingContext context = new ActingContext(
                    service, outcome.correlationId(), outcome.notificationId().toString());
            if (outcome.status().equals("SENT")) {
                commands.send(new RecordDelivered(caseId, notificationId), context);
            } else {
                commands.send(
                        new RecordDeliveryFailed(caseId, notificationId, outcome.code(), outcome.reason()), context);
            }
            jdbc.sql("update notification_delivery set outcome_reported = true where notification_id = :id")
                    .param("id", outcome.notificationId())
                    .update();
            return true;
        });
        return Boolean.TRUE.equals(reported);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notification-delivery");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        sendDue();
                    } catch (RuntimeException e) {
                        log.warn("delivery poll failed; retried at the next poll", e);
                    }
                },
                interval,
                interval,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Starts after the event processors and the relay, stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}

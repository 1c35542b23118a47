package pt.aima.notification.process.delivery;

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
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.notification.process.delivery.DeliveryOutboxStore.Due;
import pt.aima.platform.observability.CaseTracing;

/**
 * Sends the delivery outbox. Every poll, per channel, it reads a batch of due pending rows in one statement, then claims
 * them one at a time ({@code for update skip locked}, so several instances never send the same row: one that finds a
 * row taken or sent goes on to the next), sends each and, in the same transaction, marks it; then it reports each
 * outcome to the case, whose event the relay publishes (NotificationSent / NotificationFailed).
 *
 * <p>A channel that fails transiently (mail server down, not configured) leaves the row pending with its attempt
 * counted and the next attempt pushed back exponentially; the rest of that channel's queue waits for the next poll,
 * so a server that is down costs one attempt per poll, not one per message. Nothing is dropped: when the server
 * returns, every pending row goes out. Runs on its own thread, never on the Kafka consumer's.
 *
 * <p>Exactly once, as far as a mail server allows: a row is sent only while it is pending and locked, and marked sent
 * in the transaction that holds the lock. Only a crash between the server's acceptance and that commit can send a
 * message again. The outcome is reported to the case afterwards by the {@link DeliveryReporter}, in a transaction of
 * its own, so a report that fails is retried without sending anything again.
 *
 * <p>Each delivery is sent in a span that continues the trace of the event that queued it (stored with its row), named
 * with its case and correlation id, so the case's one trace runs from the request that caused the notification to the
 * mail server; the {@link DeliveryReporter} reports the outcome in the same trace.
 *
 * <p>The sender orchestrates: the SQL is the {@link DeliveryOutboxStore}'s, when to try again the {@link
 * RetryPolicy}'s, and what the case is told the {@link DeliveryReporter}'s.
 */
public class DeliverySender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private final DeliveryOutboxStore store;
    private final DeliveryReporter reporter;
    private final TransactionTemplate transaction;
    private final List<DeliveryChannel> channels;
    private final RetryPolicy retryPolicy;
    private final Duration pollInterval;
    private final int batchSize;
    private final Duration contactWait;
    private final CaseTracing tracing;
    private ScheduledExecutorService executor;
    private volatile boolean stopping;

    /**
     * @param pollInterval how often it looks for due deliveries
     * @param batchSize at most this many deliveries per channel, and reports, per batch; a full batch is followed by
     *     the next at once
     * @param contactWait how long a delivery waits for the applicant's contact data before it fails with {@code
     *     NO_CONTACT_DATA}
     * @param tracing continues, for each delivery, the trace of the event that queued it
     */
    public DeliverySender(
            DeliveryOutboxStore store,
            DeliveryReporter reporter,
            TransactionTemplate transaction,
            List<DeliveryChannel> channels,
            RetryPolicy retryPolicy,
            Duration pollInterval,
            int batchSize,
            Duration contactWait,
            CaseTracing tracing) {
        this.store = store;
        this.reporter = reporter;
        this.transaction = transaction;
        this.channels = List.copyOf(channels);
        this.retryPolicy = retryPolicy;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.contactWait = contactWait;
        this.tracing = tracing;
    }

    enum Outcome {
        /** Claimed or sent by another instance, or no longer due, since it was read as due. */
        NOT_DUE,
        DONE,
        CHANNEL_DOWN
    }

    /**
     * Every channel's due deliveries, a batch at a time, then the outcomes the cases have not been told yet; again at
     * once while a batch was full, so a queue longer than a batch drains at the channels' pace, not one batch per poll
     * (a channel that is down still costs one attempt per poll: its batch ends at the first failure).
     */
    void sendDue() {
        boolean full;
        do {
            full = false;
            for (DeliveryChannel channel : channels) {
                Batch batch = sendBatch(channel);
                if (batch.done() == 0) {
                    channel.release();
                }
                full |= batch.full();
            }
            full |= reporter.reportDue(batchSize) == batchSize;
        } while (full && !stopping);
    }

    /**
     * What a batch did: how many deliveries it sent or settled, and whether it found a whole batch due with the channel
     * up (then more may be waiting).
     */
    private record Batch(int done, boolean full) {}

    /**
     * Sends up to a batch of the channel's due deliveries, read in one statement and each sent in its own transaction;
     * a candidate another instance claimed or sent meanwhile is skipped, and the batch ends at the channel's first
     * transient failure. A channel may keep its connection from one batch, and one poll, to the next; it is released
     * when a poll sends nothing on it (or it is down) and when the sender stops.
     */
    private Batch sendBatch(DeliveryChannel channel) {
        List<UUID> due = store.dueNow(channel, batchSize);
        int done = 0;
        for (UUID candidate : due) {
            Outcome outcome;
            try {
                outcome = transaction.execute(status -> sendIfStillDue(channel, candidate));
            } catch (RuntimeException e) {
                log.warn("delivery over {} failed to complete; it stays pending", channel.channel(), e);
                outcome = Outcome.CHANNEL_DOWN;
            }
            if (outcome == Outcome.CHANNEL_DOWN) {
                return new Batch(done, false);
            }
            if (outcome == Outcome.DONE) {
                done++;
            }
        }
        // A whole batch of candidates that were all taken elsewhere says another instance is sending: the next poll
        // looks again, rather than this one reading the same rows at once.
        return new Batch(done, due.size() == batchSize && done > 0);
    }

    private Outcome sendIfStillDue(DeliveryChannel channel, UUID candidate) {
        Optional<Due> claimed = store.claimDue(candidate, channel, contactWait);
        if (claimed.isEmpty()) {
            return Outcome.NOT_DUE;
        }
        Due due = claimed.get();
        try (CaseTracing.Scope traced =
                        tracing.continueTrace(due.trace().asMetaData(), "notification-delivery " + channel.channel());
                CaseTracing.Scope named = tracing.nameCase(due.caseId().toString(), due.correlationId())) {
            return send(channel, due);
        }
    }

    private Outcome send(DeliveryChannel channel, Due due) {
        if (due.address() == null || due.address().isBlank()) {
            if (due.contactKnown()) {
                store.markFailed(
                        due.notificationId(),
                        DeliveryFailure.NO_CONTACT_DATA,
                        "the applicant gave no " + channel.contactColumn(),
                        null);
            } else if (due.waitedForContact()) {
                store.markFailed(
                        due.notificationId(),
                        DeliveryFailure.NO_CONTACT_DATA,
                        "no contact data for the case's applicant: the case is unknown to notification-service or"
                                + " its contact never arrived",
                        null);
            } else {
                store.waitForContact(due.notificationId(), contactWait);
            }
            return Outcome.DONE;
        }
        try {
            channel.deliver(
                    new OutboundMessage(due.notificationId(), due.caseId(), due.address(), due.subject(), due.body()));
        } catch (DeliveryFailure failure) {
            int attempts = due.attempts() + 1;
            if (failure.permanent()) {
                store.markFailed(due.notificationId(), failure.code(), failure.getMessage(), failure.getMessage());
                return Outcome.DONE;
            }
            Optional<Duration> retryAfter = retryPolicy.nextAttemptAfter(attempts);
            if (retryAfter.isEmpty()) {
                store.markFailed(
                        due.notificationId(),
                        DeliveryFailure.RETRIES_EXHAUSTED,
                        "gave up after " + attempts + " attempts (the last error is in the operations view)",
                        failure.getMessage());
                return Outcome.DONE;
            }
            Duration wait = retryAfter.get();
            store.retryLater(due.notificationId(), attempts, failure.getMessage(), wait);
            log.info(
                    "{} {} not delivered ({}), attempt {}; next in {}",
                    channel.channel(),
                    due.notificationId(),
                    failure.getMessage(),
                    attempts,
                    wait);
            return Outcome.CHANNEL_DOWN;
        }
        store.markSent(due.notificationId());
        return Outcome.DONE;
    }

    @Override
    public void start() {
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notification-delivery");
            thread.setDaemon(true);
            return thread;
        });
        long interval = pollInterval.toMillis();
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
        stopping = true;
        if (executor != null) {
            executor.shutdown();
            try {
                if (executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    channels.forEach(DeliveryChannel::release);
                }
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

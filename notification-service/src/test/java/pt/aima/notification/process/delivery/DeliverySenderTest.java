package pt.aima.notification.process.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.notification.casenotifications.Channel;
import pt.aima.notification.process.delivery.DeliveryOutboxStore.Due;
import pt.aima.platform.observability.CaseTracing;

/**
 * How much one poll of the sender sends: the loop alone, over an outbox held in memory (what the SQL does, claiming with
 * {@code skip locked} in PostgreSQL, is NotificationDeliveryIT's).
 */
class DeliverySenderTest {

    private static final int BATCH = 3;

    @Test
    void aQueueLongerThanABatchIsSentInOnePollNotOneBatchPerPoll() {
        Outbox outbox = new Outbox(7);
        Recording email = new Recording(Channel.EMAIL, false);

        sender(outbox, email).sendDue();

        assertThat(email.delivered).hasSize(7);
        assertThat(outbox.sent).hasSize(7);
        assertThat(outbox.due).isEmpty();
    }

    @Test
    void aChannelThatIsDownCostsOneAttemptPerPoll() {
        Outbox outbox = new Outbox(7);
        Recording down = new Recording(Channel.EMAIL, true);

        sender(outbox, down).sendDue();

        assertThat(down.attempts).isEqualTo(1);
        assertThat(outbox.retried).hasSize(1);
        assertThat(outbox.sent).isEmpty();
    }

    /** A row another instance claimed after this one read it as due is skipped; the rest of the batch still goes. */
    @Test
    void aRowClaimedElsewhereIsSkippedAndTheRestStillGo() {
        Outbox outbox = new Outbox(7);
        List<UUID> rows = outbox.due.stream().map(Due::notificationId).toList();
        outbox.takenElsewhere.add(rows.get(1));
        Recording email = new Recording(Channel.EMAIL, false);

        sender(outbox, email).sendDue();

        assertThat(email.delivered).extracting(OutboundMessage::notificationId).doesNotContain(rows.get(1));
        assertThat(outbox.sent)
                .containsExactlyElementsOf(
                        rows.stream().filter(row -> !row.equals(rows.get(1))).toList());
        assertThat(outbox.due).isEmpty();
    }

    /** A whole batch taken elsewhere (another instance is sending) ends the poll instead of reading the rows again. */
    @Test
    void aBatchWhollyTakenElsewhereEndsThePoll() {
        Outbox outbox = new Outbox(7);
        outbox.due.stream().limit(BATCH).map(Due::notificationId).forEach(outbox.takenElsewhere::add);
        Recording email = new Recording(Channel.EMAIL, false);

        sender(outbox, email).sendDue();

        assertThat(email.delivered).isEmpty();
        assertThat(outbox.due).hasSize(7 - BATCH);
    }

    /** A channel keeps its connection while mail flows, and is told to let it go once a poll finds nothing due. */
    @Test
    void aChannelIsReleasedWhenAPollFindsNothingMoreToSend() {
        Outbox outbox = new Outbox(7);
        Recording email = new Recording(Channel.EMAIL, false);
        DeliverySender sender = sender(outbox, email);

        sender.sendDue();
        assertThat(email.releases).as("after the poll that sent the queue").isZero();

        sender.sendDue();
        assertThat(email.releases).as("after a poll that found nothing due").isEqualTo(1);
    }

    private static DeliverySender sender(Outbox outbox, DeliveryChannel channel) {
        TransactionTemplate transaction = new TransactionTemplate(new NoTransactions());
        DeliveryReporter reporter =
                new DeliveryReporter(outbox, transaction, null, "notification-service", CaseTracing.none());
        return new DeliverySender(
                outbox,
                reporter,
                transaction,
                List.of(channel),
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 0),
                Duration.ofSeconds(1),
                BATCH,
                Duration.ofMinutes(10),
                CaseTracing.none());
    }

    /** The outbox's due rows in memory: a claim takes its row, every mark is remembered. */
    private static final class Outbox extends DeliveryOutboxStore {

        final Deque<Due> due = new ArrayDeque<>();
        final List<UUID> sent = new ArrayList<>();
        final List<UUID> retried = new ArrayList<>();
        /** Rows another instance claims between this one's read of the due rows and its claim. */
        final Set<UUID> takenElsewhere = new HashSet<>();

        Outbox(int deliveries) {
            super(null);
            for (int i = 0; i < deliveries; i++) {
                due.add(new Due(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        "subject",
                        "body",
                        0,
                        true,
                        false,
                        "applicant@example.org",
                        "correlation",
                        new TraceContext(null, null)));
            }
        }

        @Override
        List<UUID> dueNow(DeliveryChannel channel, int limit) {
            return due.stream().limit(limit).map(Due::notificationId).toList();
        }

        @Override
        Optional<Due> claimDue(UUID notificationId, DeliveryChannel channel, Duration contactWait) {
            // claimed once; a row retried later is no longer due in this poll
            Optional<Due> claimed = due.stream()
                    .filter(d -> d.notificationId().equals(notificationId))
                    .findFirst();
            claimed.ifPresent(due::remove);
            if (takenElsewhere.remove(notificationId)) {
                return Optional.empty();
            }
            return claimed;
        }

        @Override
        void markSent(UUID notificationId) {
            sent.add(notificationId);
        }

        @Override
        void retryLater(UUID notificationId, int attempts, String error, Duration wait) {
            retried.add(notificationId);
        }

        @Override
        List<Unreported> claimUnreported(int limit) {
            return List.of();
        }

        @Override
        void markReported(Collection<UUID> notificationIds) {}
    }

    private static final class Recording implements DeliveryChannel {

        private final Channel channel;
        private final boolean down;
        final List<OutboundMessage> delivered = new ArrayList<>();
        int attempts;
        int releases;

        Recording(Channel channel, boolean down) {
            this.channel = channel;
            this.down = down;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public String contactColumn() {
            return "email";
        }

        @Override
        public void deliver(OutboundMessage message) throws DeliveryFailure {
            attempts++;
            if (down) {
                throw DeliveryFailure.transientFailure("mail server unavailable", null);
            }
            delivered.add(message);
        }

        @Override
        public void release() {
            releases++;
        }
    }

    /** The sender's transactions are the outbox's business; here there is nothing to begin or commit. */
    private static final class NoTransactions implements PlatformTransactionManager {

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {}

        @Override
        public void rollback(TransactionStatus status) {}
    }
}

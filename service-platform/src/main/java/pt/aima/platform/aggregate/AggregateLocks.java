package pt.aima.platform.aggregate;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The aggregates' locks within one service instance (a command holds its aggregate's lock while it is handled), made
 * so that they never close a deadlock with PostgreSQL.
 *
 * <p>A transaction that sends several commands (a batch of delivery reports, an event processor's batch) keeps the
 * events of its first commands uncommitted while it handles the next. Another thread's command on one of those
 * aggregates takes the aggregate's lock, appends at the same sequence number and waits in PostgreSQL for that
 * transaction to end. If the transaction's next command is for that same aggregate, it waits for the lock the blocked
 * command holds: neither can go on, PostgreSQL cannot see the lock, and Axon's lock gives up only after a minute, during
 * which the blocked command's event holds its global index uncommitted, long enough for the event processors to pass
 * it as a gap (the skipped-event detector then reports it).
 *
 * <p>So a transaction that has already appended events ({@link #appended()}, marked by the event store) waits for a
 * lock only {@code waitAfterAppend}, then fails with {@link LockAcquisitionFailedException}: it rolls back, which
 * releases the blocked command, and its owner tries again as for any failure (the reporter one report at a time). A
 * transaction that has appended nothing can be waited on by no one, and waits up to {@code wait}, as Axon's lock would.
 */
public final class AggregateLocks implements LockFactory {

    private static final Object APPENDED = new Object();

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();
    private final Duration wait;
    private final Duration waitAfterAppend;

    public AggregateLocks(Duration wait, Duration waitAfterAppend) {
        this.wait = wait;
        this.waitAfterAppend = waitAfterAppend;
    }

    /**
     * Marks the current transaction as holding appended events, until it ends; called by the event store for every
     * append. Nothing happens outside a transaction.
     */
    public static void appended() {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.hasResource(APPENDED)) {
            TransactionSynchronizationManager.bindResource(APPENDED, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(APPENDED);
                }
            });
        }
    }

    /** Whether the current transaction has appended events. */
    static boolean holdsAppends() {
        return TransactionSynchronizationManager.hasResource(APPENDED);
    }

    @Override
    public Lock obtainLock(String identifier) {
        Entry entry = locks.compute(identifier, (id, existing) -> {
            Entry used = existing == null ? new Entry() : existing;
            used.users++;
            return used;
        });
        boolean holdsAppends = holdsAppends();
        Duration bound = holdsAppends ? waitAfterAppend : wait;
        boolean acquired = false;
        try {
            acquired = entry.lock.tryLock(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!acquired) {
            forget(identifier, entry);
            throw new LockAcquisitionFailedException("Could not take the lock of aggregate " + identifier + " within "
                    + bound + (holdsAppends ? " (this transaction holds appended events, see AggregateLocks)" : ""));
        }
        return new Held(identifier, entry);
    }

    /** Identifiers with a lock held or awaited (a lock is dropped when nobody holds or awaits it). */
    int size() {
        return locks.size();
    }

    private void forget(String identifier, Entry entry) {
        locks.computeIfPresent(identifier, (id, existing) -> --existing.users == 0 ? null : existing);
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users; // threads holding or awaiting the lock, each once per obtainLock; changed only inside compute
    }

    private final class Held implements Lock {
        private final String identifier;
        private final Entry entry;
        private boolean released;

        Held(String identifier, Entry entry) {
            this.identifier = identifier;
            this.entry = entry;
        }

        @Override
        public void release() {
            if (released) {
                return;
            }
            released = true;
            entry.lock.unlock();
            forget(identifier, entry);
        }

        @Override
        public boolean isHeld() {
            return !released && entry.lock.isHeldByCurrentThread();
        }
    }
}

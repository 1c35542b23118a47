package pt.aima.platform.eventstore;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The chain hash of the newest event seen per aggregate stream, so an append usually finds its predecessor's hash
 * without asking the database: every aggregate is loaded from its events before a command appends to it. Only
 * committed events are remembered (an event read or appended inside a transaction counts once that transaction has
 * committed), and a hash is used only for exactly the sequence number it belongs to, so a stale entry is never used:
 * a stream another instance appended to since is simply a miss.
 */
public final class ChainHeads {

    /** The newest event of a stream this service has seen committed. */
    record Head(long sequence, byte[] hash) {}

    private final int capacity;
    private final Map<String, Head> heads = new ConcurrentHashMap<>();

    public ChainHeads(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The hash of {@code aggregate}'s event {@code sequence}, if it is the newest one remembered: committed, or seen by
     * the current transaction (which the append belongs to: if it rolls back, so does the append).
     */
    byte[] hashOf(String aggregate, long sequence) {
        Head head = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            head = pending.heads.get(aggregate);
        }
        if (head == null || head.sequence() != sequence) {
            head = heads.get(aggregate);
        }
        return head != null && head.sequence() == sequence ? head.hash() : null;
    }

    /** Remembers the event once the current transaction commits (at once outside a transaction). */
    void remember(String aggregate, long sequence, byte[] hash) {
        if (hash == null) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            put(aggregate, new Head(sequence, hash));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.heads.merge(aggregate, new Head(sequence, hash), ChainHeads::newer);
    }

    private void put(String aggregate, Head head) {
        if (heads.size() >= capacity) {
            // A miss costs one indexed lookup; a bounded map costs no eviction bookkeeping on every append.
            heads.clear();
        }
        heads.merge(aggregate, head, ChainHeads::newer);
    }

    private static Head newer(Head a, Head b) {
        return b.sequence() >= a.sequence() ? b : a;
    }

    /** What one transaction saw, applied when it commits. */
    private final class Pending implements TransactionSynchronization {

        final Map<String, Head> heads = new HashMap<>();

        @Override
        public void afterCommit() {
            heads.forEach(ChainHeads.this::put);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ChainHeads.this);
        }
    }
}

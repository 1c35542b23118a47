package pt.aima.operations.projection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads of a read model kept with the change version they were read at (see {@code CaseChanges}) and the time: a kept
 * read is handed out again, the same instance, while no change committed since and it is younger than the maximum
 * age (another instance sharing the database changes rows this one's version does not see). Bounded by a count: when
 * full, every kept read is let go at once (a miss costs one read; a bounded map costs no bookkeeping per hit).
 *
 * @param <K> what tells the reads apart (a query and its parameters)
 * @param <T> what a read gives
 */
public final class KeptReads<K, T> {

    private record Read<T>(long version, long readAt, T value) {}

    private final Map<K, Read<T>> reads = new ConcurrentHashMap<>();
    private final int limit;
    private final long maxAgeNanos;

    public KeptReads(int limit, long maxAgeNanos) {
        this.limit = limit;
        this.maxAgeNanos = maxAgeNanos;
    }

    /**
     * What is kept for {@code key} if read at {@code version} and younger than the maximum age at {@code now} (from
     * {@link System#nanoTime()}), else {@code read} now, kept. Take the version before reading: a change that commits
     * meanwhile then makes the next call read again.
     */
    public T get(K key, long version, long now, Supplier<T> read) {
        Read<T> known = reads.get(key);
        if (known != null && known.version() == version && now - known.readAt() < maxAgeNanos) {
            return known.value();
        }
        T value = read.get();
        if (reads.size() >= limit) {
            reads.clear();
        }
        reads.put(key, new Read<>(version, now, value));
        return value;
    }
}

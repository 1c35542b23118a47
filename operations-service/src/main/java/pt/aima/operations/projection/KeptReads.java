package pt.aima.operations.projection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
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
    private final LongSupplier versions;
    private final int limit;
    private final long maxAgeNanos;

    /** @param versions the read model's change version now ({@code CaseChanges::version}) */
    public KeptReads(LongSupplier versions, int limit, Duration maxAge) {
        this.versions = versions;
        this.limit = limit;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * What is kept for {@code key} if read at the current version and younger than the maximum age, else {@code read}
     * now, kept. The version is taken before reading: a change that commits meanwhile makes the next call read again.
     */
    public T get(K key, Supplier<T> read) {
        long version = versions.getAsLong();
        long now = System.nanoTime();
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

package pt.aima.platform.aggregate;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Aggregates kept between commands, so a command on a case just changed does not read and deserialize its events again
 * (each record a service's inbox takes in is a command on its case, and a case's records arrive close together).
 * Bounded by a number of aggregates and by time since last use (Caffeine, least recently used out first).
 *
 * <p>Several instances of a service share one event store, so an entry can fall behind it. Two things keep a command
 * from ever deciding on such an entry: before an entry is handed out, the stream's last sequence number in the store
 * (the storage engine's {@code lastSequenceNumberFor}: one index lookup, in the command's transaction) must equal the entry's version, or the aggregate is read from the
 * store instead; and if another instance appends between that check and this command's append, the append collides
 * with the store's unique (aggregate, sequence number), the unit of work rolls back, Axon's {@code
 * CachingEventSourcingRepository} evicts the entry, and the command is sent once more on the stored aggregate ({@link
 * pt.aima.platform.acting.ActingCommandGateway}). Aggregates that hold personal data clear it by an event of their own
 * on erasure; the time bound is how long an instance that did not handle the erasure can hold such data in memory.
 *
 * <p>What it saves is measured ({@link #bindTo}): {@code aima.aggregate.cache.gets} counts the loads that found their
 * aggregate ({@code result=hit}), found none ({@code miss}: evicted, expired, never cached, or not created yet, since
 * Axon looks before it creates an aggregate on demand) or found one behind the store ({@code stale}); {@code
 * aima.aggregate.cache.evictions} the entries dropped for the size or time bound; {@code aima.aggregate.cache.size}
 * the entries held. A miss or a stale entry costs reading and deserializing the aggregate's events; a low hit rate
 * with many evictions says the bound is too small for how far apart a case's commands arrive.
 */
public final class AggregateCache implements Cache {

    /**
     * The last sequence number the store holds for an aggregate identifier, empty when it holds none: the event
     * storage engine's {@code lastSequenceNumberFor}, on the connection of the current transaction.
     */
    @FunctionalInterface
    public interface StoredVersions {
        Optional<Long> lastSequenceNumberFor(String aggregateIdentifier);
    }

    private static final VarHandle ENTRY_VERSION = entryVersion();

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
    private final StoredVersions store;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stale = new LongAdder();

    public AggregateCache(long maximumSize, Duration expireAfterAccess, StoredVersions store) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterAccess(expireAfterAccess)
                .recordStats()
                .build();
        this.store = store;
    }

    /** The entry, if it is as recent as the store; an entry behind the store is dropped and the aggregate read anew. */
    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry = entries.getIfPresent(key);
        if (entry == null) {
            misses.increment();
            return null;
        }
        if (entry instanceof AggregateCacheEntry<?> cached) {
            Long version = (Long) ENTRY_VERSION.get(cached);
            if (version == null || !Optional.of(version).equals(store.lastSequenceNumberFor(key.toString()))) {
                entries.asMap().remove(key, entry);
                stale.increment();
                return null;
            }
        }
        hits.increment();
        return (V) entry;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            entries.invalidate(key);
        } else {
            entries.put(key, value);
            forgetUnlessCommitted(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean put = entries.asMap().putIfAbsent(key, value) == null;
        if (put) {
            forgetUnlessCommitted(key, value);
        }
        return put;
    }

    /**
     * An aggregate is put here when its command's unit of work commits, which inside a larger transaction (an inbox
     * record's, a batch of delivery reports) is before anything is stored: if that transaction then rolls
     * back, the entry holds events the store never got. The version check alone would not always catch it: another
     * instance could store different events under the same sequence numbers first. So the entry goes when the
     * transaction ends without committing.
     */
    private void forgetUnlessCommitted(Object key, Object value) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    entries.asMap().remove(key, value);
                }
            }
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, any -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (any, value) -> update.apply((V) value));
    }

    /** Axon's entry listeners serve sagas' caches, not aggregates': not supported here. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache has no entry listeners");
    }

    /** Axon keeps the cached aggregate's version private; it is read, never written. */
    private static VarHandle entryVersion() {
        try {
            return MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Registers the cache's meters (see the class comment), tagged {@code cache=aggregate}; the platform's {@code
     * aggregateCacheMeters} binder calls it once per registry.
     */
    public void bindTo(MeterRegistry registry) {
        for (Map.Entry<String, LongAdder> result :
                Map.of("hit", hits, "miss", misses, "stale", stale).entrySet()) {
            FunctionCounter.builder("aima.aggregate.cache.gets", result.getValue(), LongAdder::sum)
                    .description(
                            "aggregate loads by what the cache held: hit, miss (nothing), stale (behind the store)")
                    .tags("cache", "aggregate", "result", result.getKey())
                    .register(registry);
        }
        FunctionCounter.builder("aima.aggregate.cache.evictions", entries, any -> any.stats()
                        .evictionCount())
                .description("cached aggregates dropped for the size or time bound")
                .tag("cache", "aggregate")
                .register(registry);
        Gauge.builder("aima.aggregate.cache.size", entries, any -> any.estimatedSize())
                .description("aggregates cached now (an estimate)")
                .tag("cache", "aggregate")
                .register(registry);
    }

    /** Aggregates cached now (an estimate; for tests and diagnostics). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}

package app.rapport.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Views kept while the data they were read from is unchanged: an entry serves only requests that see the same
 * {@link DataVersion} as the one taken before it was built. Requests that arrive while a view is being built wait
 * for it instead of building it again.
 * <p>
 * The version only sees writes made by this process. Another process writing to the same PostgreSQL database (a
 * {@code sync --once} from cron, say) does not move it, so no entry is served for longer than a few seconds
 * whatever the version says.
 */
final class ViewCache<K, V> {

    private static final long MAX_AGE_NANOS = java.time.Duration.ofSeconds(5).toNanos();

    private record Entry<V>(long version, long born, CompletableFuture<V> value) {
    }

    private final DataVersion version;
    private final int capacity;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private final java.util.function.LongSupplier ticks;

    ViewCache(DataVersion version, int capacity) {
        this(version, capacity, System::nanoTime);
    }

    /** {@code ticks} counts nanoseconds, as {@link System#nanoTime()} does. */
    ViewCache(DataVersion version, int capacity, java.util.function.LongSupplier ticks) {
        this.version = version;
        this.capacity = capacity;
        this.ticks = ticks;
    }

    private boolean serves(Entry<V> entry, long now) {
        return entry.version() == now && ticks.getAsLong() - entry.born() < MAX_AGE_NANOS;
    }

    V get(K key, Supplier<V> build) {
        return get(key, version.current(), build);
    }

    /**
     * The value kept for {@code key} at data version {@code now}, built if there is none. {@code now} must have been
     * taken before anything {@code build} uses was read; a value built under an older version is never served once
     * the version has moved on.
     */
    V get(K key, long now, Supplier<V> build) {
        Entry<V> found = entries.get(key);
        if (found != null && serves(found, now)) {
            return join(found);
        }
        Entry<V> mine = new Entry<>(now, ticks.getAsLong(), new CompletableFuture<>());
        Entry<V> current = entries.compute(key, (k, old) -> old != null && serves(old, now) ? old : mine);
        if (current != mine) {
            return join(current);
        }
        if (entries.size() > capacity) {
            entries.values().removeIf(e -> e.version() != now);
            if (entries.size() > capacity) {
                entries.clear();
            }
        }
        try {
            V value = build.get();
            mine.value().complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.value().completeExceptionally(e);
            entries.remove(key, mine);
            throw e;
        }
    }

    private static <V> V join(Entry<V> entry) {
        try {
            return entry.value().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}

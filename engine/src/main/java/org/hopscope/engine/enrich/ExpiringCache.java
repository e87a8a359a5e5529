package org.hopscope.engine.enrich;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** A bounded LRU cache whose entries expire; thread-safe. */
final class ExpiringCache<K, V> {
    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final int maxSize;
    private final LongSupplier clock;
    private final LinkedHashMap<K, Entry<V>> map;

    ExpiringCache(int maxSize, LongSupplier clock) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("cache size must be positive");
        }
        this.maxSize = maxSize;
        this.clock = clock;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > ExpiringCache.this.maxSize;
            }
        };
    }

    synchronized Optional<V> get(K key) {
        Entry<V> e = map.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() - e.expiresAtNanos >= 0) {
            map.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.value);
    }

    synchronized void put(K key, V value, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        map.put(key, new Entry<>(value, clock.getAsLong() + ttl.toNanos()));
    }

    /** Every unexpired value, most recently used last (for scans such as prefix matching). */
    synchronized java.util.List<V> values() {
        long now = clock.getAsLong();
        map.values().removeIf(e -> now - e.expiresAtNanos >= 0);
        return map.values().stream().map(Entry::value).toList();
    }

    synchronized int size() {
        return map.size();
    }
}

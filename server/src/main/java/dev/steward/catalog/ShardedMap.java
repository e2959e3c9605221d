package dev.steward.catalog;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable hash map that is cheap to copy with a few changes: entries live in many small
 * shards, and an edit copies only the shards it touches. Reloading a 100,000-entity catalog for a
 * one-file commit then costs a few shard copies instead of copying every map.
 */
public final class ShardedMap<K, V> extends AbstractMap<K, V> {
    private static final int SHARD_BITS = 10;
    private static final int SHARDS = 1 << SHARD_BITS;
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final ShardedMap<?, ?> EMPTY = new ShardedMap(new Map[SHARDS], 0);

    private final Map<K, V>[] shards;
    private final int size;

    private ShardedMap(Map<K, V>[] shards, int size) {
        this.shards = shards;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    public static <K, V> ShardedMap<K, V> empty() {
        return (ShardedMap<K, V>) EMPTY;
    }

    /**
     * The shard of a key, from the high bits of a multiplicative hash. Not the low bits: each shard is a
     * HashMap, which picks buckets by the low bits, and keys that share them would all fall into one
     * bucket of their shard (a tree bin), making every lookup a walk.
     */
    private static int shard(Object key) {
        return (key.hashCode() * 0x9E3779B9) >>> (32 - SHARD_BITS);
    }

    @Override
    public V get(Object key) {
        Map<K, V> shard = shards[shard(key)];
        return shard == null ? null : shard.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        Map<K, V> shard = shards[shard(key)];
        return shard != null && shard.containsKey(key);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private Iterator<Entry<K, V>> current = Collections.emptyIterator();

                    @Override
                    public boolean hasNext() {
                        while (!current.hasNext() && next < SHARDS) {
                            Map<K, V> shard = shards[next++];
                            if (shard != null) current = shard.entrySet().iterator();
                        }
                        return current.hasNext();
                    }

                    @Override
                    public Entry<K, V> next() {
                        if (!hasNext()) throw new NoSuchElementException();
                        Entry<K, V> e = current.next();
                        return Map.entry(e.getKey(), e.getValue());
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** An editor over a copy of this map; {@link Editor#freeze()} gives the new map. */
    public Editor<K, V> edit() {
        return new Editor<>(this);
    }

    public static final class Editor<K, V> {
        private final Map<K, V>[] shards;
        private final boolean[] owned = new boolean[SHARDS];
        private int size;

        private Editor(ShardedMap<K, V> from) {
            this.shards = from.shards.clone();
            this.size = from.size;
        }

        private Map<K, V> writable(Object key) {
            int i = shard(key);
            if (!owned[i]) {
                shards[i] = shards[i] == null ? new HashMap<>() : new HashMap<>(shards[i]);
                owned[i] = true;
            }
            return shards[i];
        }

        public V get(K key) {
            Map<K, V> shard = shards[shard(key)];
            return shard == null ? null : shard.get(key);
        }

        public void put(K key, V value) {
            if (writable(key).put(key, value) == null) size++;
        }

        public void remove(K key) {
            Map<K, V> shard = shards[shard(key)];
            if (shard == null || !shard.containsKey(key)) return;
            writable(key).remove(key);
            size--;
        }

        public ShardedMap<K, V> freeze() {
            return new ShardedMap<>(shards, size);
        }
    }
}

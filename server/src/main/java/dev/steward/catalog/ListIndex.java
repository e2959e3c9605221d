package dev.steward.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable map from a key to a sorted list of values (duplicates kept, so two sources of the
 * same edge count twice), updated by applying removals and additions. Only the touched keys are
 * rebuilt, so a small catalog change costs a map copy, not a rebuild; and the sorted lists make the
 * result the same whatever order the changes came in.
 */
public final class ListIndex<K, V> {
    private final ShardedMap<K, List<V>> map;
    private final Comparator<? super V> order;

    private ListIndex(ShardedMap<K, List<V>> map, Comparator<? super V> order) {
        this.map = map;
        this.order = order;
    }

    static <K, V> ListIndex<K, V> empty(Comparator<? super V> order) {
        return new ListIndex<>(ShardedMap.empty(), order);
    }

    List<V> get(K key) {
        return map.getOrDefault(key, List.of());
    }

    /** A collector of changes; {@link Changes#apply()} gives the new index. */
    Changes changes() {
        return new Changes();
    }

    final class Changes {
        private final Map<K, List<V>> removed = new HashMap<>();
        private final Map<K, List<V>> added = new HashMap<>();

        void remove(K key, V value) {
            removed.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }

        void add(K key, V value) {
            added.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }

        ListIndex<K, V> apply() {
            if (removed.isEmpty() && added.isEmpty()) return ListIndex.this;
            ShardedMap.Editor<K, List<V>> next = map.edit();
            Set<K> keys = new HashSet<>(removed.keySet());
            keys.addAll(added.keySet());
            for (K key : keys) {
                List<V> values = new ArrayList<>(map.getOrDefault(key, List.of()));
                for (V gone : removed.getOrDefault(key, List.of())) values.remove(gone);
                values.addAll(added.getOrDefault(key, List.of()));
                if (values.isEmpty()) {
                    next.remove(key);
                } else {
                    values.sort(order);
                    next.put(key, Collections.unmodifiableList(values));
                }
            }
            return new ListIndex<>(next.freeze(), order);
        }
    }
}

package dev.steward.plan;

import dev.steward.catalog.model.Values;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fields that differ between two versions of an entity document, as dotted paths to leaves:
 * maps are walked, lists and scalars are leaves, so an edit inside a list shows as the list's path.
 */
final class DocumentDiff {
    private DocumentDiff() {
    }

    static Set<String> changedPaths(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> a = new TreeMap<>();
        Map<String, Object> b = new TreeMap<>();
        flatten("", before, a);
        flatten("", after, b);
        Set<String> out = new TreeSet<>();
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            if (!Objects.equals(a.get(key), b.get(key)) || a.containsKey(key) != b.containsKey(key)) out.add(key);
        }
        return out;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            Values.map(value).forEach((k, v) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, v, into));
        } else if (!prefix.isEmpty()) {
            into.put(prefix, value);
        }
    }

    /** True when {@code path} is {@code root} or lies under it. */
    static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + ".");
    }
}

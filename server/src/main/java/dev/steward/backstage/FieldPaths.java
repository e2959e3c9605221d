package dev.steward.backstage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dotted paths into an entity, matched without regard to case and allowing keys that hold dots
 * themselves ({@code metadata.annotations.backstage.io/source-location}): what {@code fields},
 * {@code order} and facets name.
 */
final class FieldPaths {
    private FieldPaths() {
    }

    /** Every value at {@code path}, lists flattened, in their original case. */
    static List<Object> values(Object node, String path) {
        List<Object> out = new ArrayList<>();
        collect(node, path.toLowerCase(Locale.ROOT), out);
        return out;
    }

    private static void collect(Object node, String path, List<Object> out) {
        if (node instanceof List<?> list) {
            for (Object item : list) collect(item, path, out);
            return;
        }
        if (path.isEmpty()) {
            if (node != null) out.add(node);
            return;
        }
        if (!(node instanceof Map<?, ?> map)) return;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
            if (path.equals(key)) collect(e.getValue(), "", out);
            else if (path.startsWith(key + ".")) collect(e.getValue(), path.substring(key.length() + 1), out);
        }
    }

    /** Only the named fields of {@code entity}, nested as in the entity; all of it when none are named. */
    static Map<String, Object> select(Map<String, Object> entity, List<String> fields) {
        if (fields.isEmpty()) return entity;
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : fields) copy(entity, out, field.toLowerCase(Locale.ROOT));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void copy(Map<?, ?> from, Map<String, Object> to, String path) {
        for (Map.Entry<?, ?> e : from.entrySet()) {
            String key = String.valueOf(e.getKey());
            String lower = key.toLowerCase(Locale.ROOT);
            if (path.equals(lower)) {
                to.put(key, e.getValue());
            } else if (path.startsWith(lower + ".") && e.getValue() instanceof Map<?, ?> child) {
                Object existing = to.get(key);
                Map<String, Object> target = existing instanceof LinkedHashMap<?, ?> m ? (Map<String, Object>) m
                        : new LinkedHashMap<>();
                copy(child, target, path.substring(lower.length() + 1));
                if (!target.isEmpty()) to.put(key, target);
            }
        }
    }
}

package dev.steward.backstage;

import dev.steward.catalog.model.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An entity flattened the way Backstage's catalog backend indexes it for filtering: every leaf under
 * its dotted path, keys and values lowercased, list elements under their list's key, and
 * {@code relations.<type>} holding each relation's target ref. Filters match against these rows.
 */
final class SearchRows {
    /** Backstage skips longer values when indexing; so does Steward, so filters behave alike. */
    private static final int MAX_VALUE_LENGTH = 200;

    private final Map<String, List<String>> rows = new HashMap<>();

    private SearchRows() {
    }

    static SearchRows of(Map<String, Object> shaped) {
        SearchRows out = new SearchRows();
        for (Map.Entry<String, Object> e : shaped.entrySet()) {
            if (e.getKey().equals("relations")) continue;
            out.add(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        if (shaped.get("relations") instanceof List<?> relations) {
            for (Object r : relations) {
                Map<String, Object> relation = Values.map(r);
                out.put("relations." + String.valueOf(relation.get("type")).toLowerCase(Locale.ROOT),
                        String.valueOf(relation.get("targetRef")));
            }
        }
        return out;
    }

    private void add(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                add(key + "." + String.valueOf(e.getKey()).toLowerCase(Locale.ROOT), e.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) add(key, item);
        } else if (value != null) {
            put(key, String.valueOf(value));
        }
    }

    private void put(String key, String value) {
        List<String> values = rows.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (value.length() <= MAX_VALUE_LENGTH) values.add(value.toLowerCase(Locale.ROOT));
    }

    boolean has(String key) {
        return rows.containsKey(key);
    }

    /** The values under {@code key} (lowercase), empty when the key is absent. */
    List<String> values(String key) {
        return rows.getOrDefault(key, List.of());
    }

    boolean matches(String key, String value) {
        return values(key).contains(value.toLowerCase(Locale.ROOT));
    }
}

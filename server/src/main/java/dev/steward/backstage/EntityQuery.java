package dev.steward.backstage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One query over the snapshot's entities in Backstage's shape: a filter, a full-text term, an order.
 * Runs in a single pass over the sorted entity list; ties in the order fall back to the ref, so pages
 * never overlap or skip.
 */
final class EntityQuery {
    record Order(String field, boolean ascending) {
        static Order parse(String text) {
            String t = text.trim();
            int colon = t.indexOf(':');
            if (colon < 0) throw new BackstageError(400, "InputError", "Invalid order '" + text + "': use asc:field or desc:field");
            String direction = t.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new BackstageError(400, "InputError", "Invalid order '" + text + "': direction must be asc or desc");
            }
            return new Order(t.substring(colon + 1).trim(), direction.equals("asc"));
        }

        Map<String, Object> json() {
            return Map.of("field", field, "order", ascending ? "asc" : "desc");
        }
    }

    record FullText(String term, List<String> fields) {
    }

    record Row(Map<String, Object> entity, SearchRows rows) {
    }

    private EntityQuery() {
    }

    static List<Row> run(List<Map<String, Object>> entities, Predicate<SearchRows> filter, FullText fullText,
                         List<Order> order) {
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> entity : entities) {
            SearchRows rows = SearchRows.of(entity);
            if (!filter.test(rows) || !matchesText(rows, fullText, order)) continue;
            out.add(new Row(entity, rows));
        }
        if (!order.isEmpty()) out.sort(comparator(order));
        return out;
    }

    private static boolean matchesText(SearchRows rows, FullText fullText, List<Order> order) {
        if (fullText == null || fullText.term() == null || fullText.term().isBlank()) return true;
        String term = fullText.term().trim().toLowerCase(Locale.ROOT);
        List<String> fields = !fullText.fields().isEmpty() ? fullText.fields()
                : !order.isEmpty() ? order.stream().map(Order::field).toList()
                : List.of("metadata.name", "metadata.title", "metadata.description", "spec.profile.displayname");
        for (String field : fields) {
            for (String v : rows.values(field.toLowerCase(Locale.ROOT))) {
                if (v.contains(term)) return true;
            }
        }
        return false;
    }

    /** By each order field (entities without it last), then by ref. */
    private static Comparator<Row> comparator(List<Order> order) {
        Comparator<Row> c = (a, b) -> 0;
        for (Order o : order) {
            String key = o.field().toLowerCase(Locale.ROOT);
            Comparator<Row> byField = (a, b) -> {
                String x = first(a, key);
                String y = first(b, key);
                if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
                return o.ascending() ? x.compareTo(y) : y.compareTo(x);
            };
            c = c.thenComparing(byField);
        }
        return c.thenComparing(r -> ref(r.entity()));
    }

    private static String first(Row row, String key) {
        List<String> values = row.rows().values(key);
        return values.isEmpty() ? null : values.get(0);
    }

    static String ref(Map<String, Object> entity) {
        Map<String, Object> metadata = BackstageEntity.map(entity.get("metadata"));
        return String.valueOf(entity.get("kind")).toLowerCase(Locale.ROOT) + ":" + metadata.get("namespace") + "/"
                + metadata.get("name");
    }
}

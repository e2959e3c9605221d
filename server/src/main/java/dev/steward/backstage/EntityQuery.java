package dev.steward.backstage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.steward.catalog.model.Values;
import dev.steward.search.TextMatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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

        /** As Backstage writes an order field, {@code {field, order}}: how cursors carry it. */
        @JsonCreator
        static Order of(@JsonProperty("field") String field, @JsonProperty("order") String order) {
            return new Order(field, !"desc".equalsIgnoreCase(order));
        }

        @JsonValue
        Map<String, Object> json() {
            return Map.of("field", field, "order", ascending ? "asc" : "desc");
        }
    }

    /**
     * Backstage's {@code fullTextFilter}: the term, matched by {@link TextMatch}, in the named fields
     * (search keys, as filters name them) or, when none are named, in Steward's text fields.
     */
    record FullText(String term, List<String> fields) {
        FullText {
            fields = fields == null ? List.of() : fields.stream().filter(Objects::nonNull).toList();
        }
    }

    /** A matching entity, its search rows, and its place in the order ({@link #key}). */
    record Row(Map<String, Object> entity, SearchRows rows, List<String> sortKey) {
    }

    private EntityQuery() {
    }

    static List<Row> run(BackstageSnapshot snapshot, Predicate<SearchRows> filter, FullText fullText,
                         List<Order> order) {
        TextMatch text = TextMatch.of(fullText == null ? null : fullText.term());
        List<String> textKeys = fullText == null ? List.of()
                : fullText.fields().stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < snapshot.entities.size(); i++) {
            SearchRows rows = snapshot.rows(i);
            if (!filter.test(rows) || !matchesText(text, textKeys, snapshot, i)) continue;
            Map<String, Object> entity = snapshot.entities.get(i);
            out.add(new Row(entity, rows, keyOf(entity, rows, order)));
        }
        out.sort(comparator(order)); // without order fields: by ref, as the snapshot's list already is
        return out;
    }

    /**
     * Named fields are matched in the search rows, as Backstage matches them (so {@code relations.ownedby}
     * works); without names, the entity's text fields, as {@code /api/entities?q=} and {@code /api/search}.
     */
    private static boolean matchesText(TextMatch text, List<String> keys, BackstageSnapshot snapshot, int i) {
        if (text.isEmpty()) return true;
        if (keys.isEmpty()) return text.matches(snapshot.source(i));
        List<String> values = new ArrayList<>();
        for (String key : keys) values.addAll(snapshot.rows(i).values(key));
        return text.matches(values);
    }

    /** By each order field (entities without it last), then by ref. */
    private static Comparator<Row> comparator(List<Order> order) {
        return (a, b) -> compareKeys(a.sortKey(), b.sortKey(), order);
    }

    /**
     * Where a row sits in the order: the first value of each order field (lowercase, null when
     * absent), then its ref. Cursors carry keys, not offsets, so a page picks up right after the last
     * row the client saw even when commits add or remove entities in between.
     */
    static List<String> key(Row row, List<Order> order) {
        return row.sortKey();
    }

    private static List<String> keyOf(Map<String, Object> entity, SearchRows rows, List<Order> order) {
        List<String> out = new ArrayList<>(order.size() + 1);
        for (Order o : order) {
            List<String> values = rows.values(o.field().toLowerCase(Locale.ROOT));
            out.add(values.isEmpty() ? null : values.get(0));
        }
        out.add(ref(entity));
        return Collections.unmodifiableList(out);
    }

    static int compareKeys(List<String> a, List<String> b, List<Order> order) {
        for (int i = 0; i < order.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            if (x == null || y == null) {
                if (x == null && y == null) continue;
                return x == null ? 1 : -1;
            }
            int c = order.get(i).ascending() ? x.compareTo(y) : y.compareTo(x);
            if (c != 0) return c;
        }
        return a.get(a.size() - 1).compareTo(b.get(b.size() - 1));
    }

    /** The index of the first row whose key is after {@code key} (strictly, or at-or-after). */
    static int firstAfter(List<Row> rows, List<String> key, List<Order> order, boolean inclusive) {
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareKeys(rows.get(mid).sortKey(), key, order);
            if (c < 0 || (!inclusive && c == 0)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }


    static String ref(Map<String, Object> entity) {
        Map<String, Object> metadata = Values.map(entity.get("metadata"));
        return String.valueOf(entity.get("kind")).toLowerCase(Locale.ROOT) + ":" + metadata.get("namespace") + "/"
                + metadata.get("name");
    }
}

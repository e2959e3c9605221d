package dev.steward.backstage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A cursor query: what it matches and in what order, carried unchanged from page to page, and where
 * a page starts ({@code after} the last row seen, or {@code before} the first). On the wire it is
 * base64 of this record as JSON. The client treats it as opaque, except that Backstage's client looks
 * for a {@code query} key to tell a predicate query's cursor from a query-string one, so only
 * predicate cursors carry that key ({@code filter} is the query-string form's filters). The
 * {@code /entities} endpoint's {@code after} cursor is the same record with only {@code after} set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Cursor(List<String> filter, Object query, List<EntityQuery.Order> orderFields,
              EntityQuery.FullText fullTextFilter, List<String> after, List<String> before) {
    private static final ObjectMapper JSON = new ObjectMapper()
            // Lenient on keys it does not know, as cursors from an older server may carry some.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The first page of a query-string query. */
    static Cursor ofFilter(List<String> filter, List<EntityQuery.Order> order, EntityQuery.FullText fullText) {
        return new Cursor(filter, null, order, fullText, null, null);
    }

    /** The first page of a predicate query; an absent predicate is {@code {}}, so the cursor still says so. */
    static Cursor ofPredicate(Object query, List<EntityQuery.Order> order, EntityQuery.FullText fullText) {
        return new Cursor(null, query == null ? Map.of() : query, order, fullText, null, null);
    }

    static Cursor after(List<String> key) {
        return new Cursor(null, null, null, null, key, null);
    }

    boolean isPredicate() {
        return query != null;
    }

    List<EntityQuery.Order> order() {
        return orderFields == null ? List.of() : orderFields;
    }

    /** The filter this cursor's query applies; 400 when it is not a valid filter. */
    Predicate<SearchRows> predicate() {
        if (isPredicate()) return EntityFilter.fromPredicate(query instanceof Map<?, ?> m && m.isEmpty() ? null : query);
        return EntityFilter.fromQuery(filter == null ? List.of() : filter);
    }

    /** The same query, placed just after {@code key} ({@code "after"}) or just before it. */
    Cursor at(boolean afterKey, List<String> key) {
        return new Cursor(filter, query, orderFields, fullTextFilter, afterKey ? key : null, afterKey ? null : key);
    }

    String encode() {
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a cursor", e);
        }
    }

    /** The cursor a client sent back; 400 when it is not one of ours or its place does not fit its order. */
    static Cursor decode(String text) {
        Cursor cursor;
        try {
            cursor = JSON.readValue(Base64.getDecoder().decode(text.trim()), Cursor.class);
        } catch (IllegalArgumentException | IOException e) {
            throw new BackstageError(400, "InputError", "Malformed cursor: " + (text.length() > 40
                    ? text.substring(0, 40) + "…" : text), e);
        }
        if (cursor == null) throw new BackstageError(400, "InputError", "Malformed cursor: " + text);
        for (EntityQuery.Order o : cursor.order()) {
            if (o == null || o.field() == null) {
                throw new BackstageError(400, "InputError", "Malformed cursor: an order field without a field");
            }
        }
        return cursor;
    }

    /** Checks that a position has one value per order field and the ref: anything else was not made here. */
    static List<String> fitting(List<String> key, List<EntityQuery.Order> order) {
        if (key != null && key.size() != order.size() + 1) {
            throw new BackstageError(400, "InputError", "Malformed cursor: its position does not fit its order");
        }
        return key;
    }
}

package dev.steward.backstage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Values;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Backstage's catalog API under {@code /api/catalog}, read-only, answering as the Backstage catalog
 * backend does: {@code /entities} (filter, fields, order, offset/limit/after and a {@code Link}
 * header), {@code /entities/by-query} (cursors, by GET and by predicate POST),
 * {@code /entities/by-name}, {@code /entities/by-uid}, {@code /entities/by-refs},
 * {@code /entity-facets} and {@code /locations} (one per catalog file).
 */
public final class BackstageRoutes {
    public static final String PREFIX = "/api/catalog";
    static final int DEFAULT_QUERY_LIMIT = 20;
    static final int MAX_LIMIT = 10_000;

    private static final ObjectMapper BODY = new ObjectMapper();

    private final LiveCatalog live;
    private final Supplier<SourceLinks> links;
    private volatile BackstageSnapshot snapshot;

    public BackstageRoutes(LiveCatalog live, Supplier<SourceLinks> links) {
        this.live = live;
        this.links = links;
    }

    private BackstageSnapshot snapshot() {
        Catalog catalog = live.current();
        BackstageSnapshot s = snapshot;
        if (s != null && s.catalog == catalog) return s;
        synchronized (this) {
            s = snapshot;
            if (s != null && s.catalog == catalog) return s;
            String ref = live.state().sync().ref();
            s = BackstageSnapshot.build(catalog, links.get(), ref == null ? catalog.commit() : ref, snapshot);
            snapshot = s;
            return s;
        }
    }

    public void entities(Context ctx) {
        BackstageSnapshot s = snapshot();
        Predicate<SearchRows> filter = EntityFilter.fromQuery(ctx.queryParams("filter"));
        List<EntityQuery.Order> order = splitAll(ctx.queryParams("order")).stream().map(EntityQuery.Order::parse).toList();
        List<String> fields = splitAll(ctx.queryParams("fields"));
        Integer limit = intParam(ctx.queryParam("limit"), "limit", 0, MAX_LIMIT);
        List<EntityQuery.Row> rows = EntityQuery.run(s, filter, null, order);
        int offset;
        if (ctx.queryParam("after") != null) {
            // The cursor holds the last row's place in the order: the next page starts right after it.
            Object key = Cursor.decode(ctx.queryParam("after")).get("after");
            if (!(key instanceof List<?> list) || list.size() != order.size() + 1) {
                throw new BackstageError(400, "InputError", "Malformed cursor: its position does not fit its order");
            }
            offset = EntityQuery.firstAfter(rows, strings(list), order, false);
        } else {
            offset = Math.min(rows.size(), orZero(intParam(ctx.queryParam("offset"), "offset", 0, Integer.MAX_VALUE)));
        }
        int end = limit == null ? rows.size() : Math.min(rows.size(), offset + limit);
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < end; i++) page.add(FieldPaths.select(rows.get(i).entity(), fields));
        if (limit != null && end < rows.size() && end > offset) {
            String after = Cursor.encode(Map.of("after", EntityQuery.key(rows.get(end - 1), order)));
            ctx.header("Link", "<" + nextLink(ctx, after) + ">; rel=\"next\"");
        }
        ctx.json(page);
    }

    private static String nextLink(Context ctx, String after) {
        StringBuilder url = new StringBuilder(ctx.path()).append('?');
        for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
            if (p.getKey().equals("after") || p.getKey().equals("offset")) continue;
            for (String v : p.getValue()) url.append(enc(p.getKey())).append('=').append(enc(v)).append('&');
        }
        return url.append("after=").append(enc(after)).toString();
    }

    public void queryByGet(Context ctx) {
        Map<String, Object> state;
        String cursor = ctx.queryParam("cursor");
        if (cursor != null) {
            state = Cursor.decode(cursor);
            if (state.containsKey("query")) throw new BackstageError(400, "InputError",
                    "This cursor belongs to a predicate query; send it to POST /entities/by-query");
        } else {
            state = new LinkedHashMap<>();
            state.put("filter", ctx.queryParams("filter"));
            List<Map<String, Object>> order = new ArrayList<>();
            for (String f : ctx.queryParams("orderField")) order.add(orderField(f)); // each is "field,order"
            state.put("orderFields", order);
            String term = ctx.queryParam("fullTextFilterTerm");
            if (term != null && !term.isBlank()) {
                state.put("fullTextFilter", Map.of("term", term.trim(),
                        "fields", splitAll(ctx.queryParams("fullTextFilterFields"))));
            }
            state.put("offset", orZero(intParam(ctx.queryParam("offset"), "offset", 0, Integer.MAX_VALUE)));
        }
        @SuppressWarnings("unchecked")
        Predicate<SearchRows> filter = EntityFilter.fromQuery((List<String>) state.getOrDefault("filter", List.of()));
        page(ctx, state, filter, intParam(ctx.queryParam("limit"), "limit", 0, MAX_LIMIT),
                splitAll(ctx.queryParams("fields")));
    }

    public void queryByPredicate(Context ctx) {
        Map<String, Object> body = body(ctx);
        Map<String, Object> state;
        if (body.get("cursor") instanceof String cursor) {
            state = Cursor.decode(cursor);
        } else {
            state = new LinkedHashMap<>();
            state.put("query", body.getOrDefault("query", Map.of()));
            List<Map<String, Object>> order = new ArrayList<>();
            if (body.get("orderBy") instanceof List<?> list) {
                for (Object o : list) {
                    Map<String, Object> m = Values.map(o);
                    order.add(Map.of("field", String.valueOf(m.get("field")),
                            "order", String.valueOf(m.getOrDefault("order", "asc"))));
                }
            }
            state.put("orderFields", order);
            if (body.get("fullTextFilter") instanceof Map<?, ?> ft) state.put("fullTextFilter", ft);
            state.put("offset", body.get("offset") instanceof Number n ? n.intValue() : 0);
        }
        Object query = state.get("query");
        Predicate<SearchRows> filter = EntityFilter.fromPredicate(query instanceof Map<?, ?> m && m.isEmpty() ? null : query);
        Integer limit = body.get("limit") instanceof Number n ? n.intValue() : null;
        if (limit != null && (limit < 0 || limit > MAX_LIMIT)) {
            throw new BackstageError(400, "InputError", "Invalid limit: must be between 0 and " + MAX_LIMIT);
        }
        List<String> fields = body.get("fields") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        page(ctx, state, filter, limit, fields);
    }

    /** One page of a cursor query, with the cursors to the pages either side. */
    private void page(Context ctx, Map<String, Object> state, Predicate<SearchRows> filter, Integer limit,
                      List<String> fields) {
        BackstageSnapshot s = snapshot();
        List<EntityQuery.Order> order = new ArrayList<>();
        if (state.get("orderFields") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> m = Values.map(o);
                order.add(new EntityQuery.Order(String.valueOf(m.get("field")), !"desc".equals(m.get("order"))));
            }
        }
        EntityQuery.FullText fullText = null;
        if (state.get("fullTextFilter") instanceof Map<?, ?> ft) {
            Object ftFields = ft.get("fields");
            fullText = new EntityQuery.FullText(ft.get("term") == null ? null : String.valueOf(ft.get("term")),
                    ftFields instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of());
        }
        int size = limit == null ? DEFAULT_QUERY_LIMIT : limit;
        List<EntityQuery.Row> rows = EntityQuery.run(s, filter, fullText, order);
        // A cursor names the last row seen (next page) or the first (previous page); the first request an offset.
        int start;
        int end;
        for (String side : List.of("after", "before")) {
            if (state.get(side) instanceof List<?> key && key.size() != order.size() + 1) {
                throw new BackstageError(400, "InputError", "Malformed cursor: its position does not fit its order");
            }
        }
        if (state.get("after") instanceof List<?> after) {
            start = EntityQuery.firstAfter(rows, strings(after), order, false);
            end = Math.min(rows.size(), start + size);
        } else if (state.get("before") instanceof List<?> before) {
            end = EntityQuery.firstAfter(rows, strings(before), order, true);
            start = Math.max(0, end - size);
        } else {
            start = Math.min(rows.size(), state.get("offset") instanceof Number n ? Math.max(0, n.intValue()) : 0);
            end = Math.min(rows.size(), start + size);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = start; i < end; i++) items.add(FieldPaths.select(rows.get(i).entity(), fields));
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        if (end < rows.size() && end > start) {
            pageInfo.put("nextCursor", Cursor.encode(at(state, "after", EntityQuery.key(rows.get(end - 1), order))));
        }
        if (start > 0 && start < rows.size()) {
            pageInfo.put("prevCursor", Cursor.encode(at(state, "before", EntityQuery.key(rows.get(start), order))));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("totalItems", rows.size());
        out.put("pageInfo", pageInfo);
        ctx.json(out);
    }

    private static Map<String, Object> at(Map<String, Object> state, String side, List<String> key) {
        Map<String, Object> next = new LinkedHashMap<>(state);
        next.remove("offset");
        next.remove("after");
        next.remove("before");
        next.put(side, key);
        return next;
    }

    private static List<String> strings(List<?> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) out.add(v == null ? null : String.valueOf(v));
        return out;
    }

    private static Map<String, Object> orderField(String text) {
        String[] parts = text.split(",", 2);
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new BackstageError(400, "InputError", "Invalid orderField '" + text + "': use field,asc or field,desc");
        }
        return Map.of("field", parts[0].trim(), "order", direction);
    }

    public void byName(Context ctx) {
        BackstageSnapshot s = snapshot();
        EntityRef ref;
        try {
            ref = EntityRef.of(ctx.pathParam("kind"), ctx.pathParam("namespace"), ctx.pathParam("name"));
        } catch (RuntimeException e) {
            throw new BackstageError(400, "InputError", "Malformed entity name: " + e.getMessage());
        }
        Integer i = s.byRef.get(ref);
        if (i == null) {
            throw new BackstageError(404, "NotFoundError", "No entity named '" + ctx.pathParam("name")
                    + "' found, with kind '" + ctx.pathParam("kind") + "' in namespace '" + ctx.pathParam("namespace") + "'");
        }
        ctx.json(s.entities.get(i));
    }

    public void byUid(Context ctx) {
        BackstageSnapshot s = snapshot();
        Integer i = s.byUid.get(ctx.pathParam("uid"));
        if (i == null) throw new BackstageError(404, "NotFoundError", "No entity with uid " + ctx.pathParam("uid"));
        ctx.json(s.entities.get(i));
    }

    public void byRefs(Context ctx) {
        BackstageSnapshot s = snapshot();
        Map<String, Object> body = body(ctx);
        if (!(body.get("entityRefs") instanceof List<?> refs)) {
            throw new BackstageError(400, "InputError", "Invalid request body: entityRefs must be an array of entity refs");
        }
        List<String> fields = body.get("fields") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        Predicate<SearchRows> filter = body.get("query") != null ? EntityFilter.fromPredicate(body.get("query"))
                : EntityFilter.fromQuery(ctx.queryParams("filter"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object r : refs) {
            Integer i = null;
            try {
                i = s.byRef.get(EntityRef.parse(String.valueOf(r)));
            } catch (RuntimeException e) {
                throw new BackstageError(400, "InputError", "Invalid entity ref '" + r + "': " + e.getMessage());
            }
            Map<String, Object> entity = i == null ? null : s.entities.get(i);
            items.add(entity == null || !filter.test(s.rows(i)) ? null : FieldPaths.select(entity, fields));
        }
        Map<String, Object> out = new HashMap<>();
        out.put("items", items);
        ctx.json(out);
    }

    public void facets(Context ctx) {
        facets(ctx, ctx.queryParams("facet"), EntityFilter.fromQuery(ctx.queryParams("filter")));
    }

    public void facetsByPredicate(Context ctx) {
        Map<String, Object> body = body(ctx);
        List<String> facets = body.get("facets") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        facets(ctx, facets, EntityFilter.fromPredicate(body.get("query")));
    }

    private void facets(Context ctx, List<String> facets, Predicate<SearchRows> filter) {
        if (facets.isEmpty()) throw new BackstageError(400, "InputError", "Missing facet: give at least one facet=field");
        BackstageSnapshot s = snapshot();
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        facets.forEach(f -> counts.put(f, new TreeMap<>()));
        for (EntityQuery.Row row : EntityQuery.run(s, filter, null, List.of())) {
            for (String facet : facets) {
                Set<String> seen = new LinkedHashSet<>();
                if (facet.toLowerCase(Locale.ROOT).startsWith("relations.")) {
                    seen.addAll(relationTargets(row.entity(), facet.substring("relations.".length())));
                } else {
                    for (Object v : FieldPaths.values(row.entity(), facet)) {
                        if (!(v instanceof Map)) seen.add(String.valueOf(v));
                    }
                }
                for (String v : seen) counts.get(facet).merge(v, 1, Integer::sum);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        counts.forEach((facet, values) -> out.put(facet, values.entrySet().stream()
                .map(e -> Map.of("value", e.getKey(), "count", e.getValue())).toList()));
        ctx.json(Map.of("facets", out));
    }

    private static List<String> relationTargets(Map<String, Object> entity, String type) {
        List<String> out = new ArrayList<>();
        if (entity.get("relations") instanceof List<?> relations) {
            for (Object r : relations) {
                Map<String, Object> m = Values.map(r);
                if (type.equalsIgnoreCase(String.valueOf(m.get("type")))) out.add(String.valueOf(m.get("targetRef")));
            }
        }
        return out;
    }

    public void locations(Context ctx) {
        ctx.json(locationList().stream().map(l -> Map.of("data", l)).toList());
    }

    public void location(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(locationList().stream().filter(l -> l.get("id").equals(id)).findFirst()
                .orElseThrow(() -> new BackstageError(404, "NotFoundError", "Found no location with ID " + id)));
    }

    public void locationByEntity(Context ctx) {
        BackstageSnapshot s = snapshot();
        EntityRef ref = EntityRef.of(ctx.pathParam("kind"), ctx.pathParam("namespace"), ctx.pathParam("name"));
        Entity e = s.catalog.entity(ref);
        if (e == null) throw new BackstageError(404, "NotFoundError", "No entity " + ref);
        ctx.json(location(s.revision, e.source().path()));
    }

    private List<Map<String, Object>> locationList() {
        BackstageSnapshot s = snapshot();
        return s.catalog.manifestPaths().stream().map(p -> location(s.revision, p)).toList();
    }

    private Map<String, Object> location(String revision, String path) {
        String target = links.get().file(revision, path);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", UUID.nameUUIDFromBytes(("url:" + path).getBytes(StandardCharsets.UTF_8)).toString());
        out.put("type", "url");
        out.put("target", target);
        return out;
    }

    /** Answers a write the way a read-only catalog must: the catalog changes by pull request. */
    public void readOnly(Context ctx) {
        throw new BackstageError(405, "NotAllowedError", "This catalog is read from Git and changes by pull request; "
                + ctx.method() + " " + ctx.path() + " is not supported");
    }

    public static void error(BackstageError e, Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", Map.of("name", e.name(), "message", e.getMessage()));
        out.put("request", Map.of("method", ctx.method().name(), "url", ctx.path()
                + (ctx.queryString() == null ? "" : "?" + ctx.queryString())));
        out.put("response", Map.of("statusCode", e.status()));
        ctx.status(e.status()).json(out);
    }

    private static Map<String, Object> body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) return Map.of();
        try {
            Object value = BODY.readValue(text, Object.class);
            if (value instanceof Map<?, ?>) return Values.map(value);
        } catch (IOException e) {
            throw new BackstageError(400, "InputError", "Malformed JSON body: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        throw new BackstageError(400, "InputError", "The request body must be a JSON object");
    }

    private static List<String> splitAll(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) if (!part.isBlank()) out.add(part.trim());
        }
        return out;
    }

    private static Integer intParam(String value, String name, int min, int max) {
        if (value == null || value.isBlank()) return null;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BackstageError(400, "InputError", "Invalid " + name + " '" + value + "': a whole number from " + min
                + " to " + max);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package dev.steward.backstage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.backstage.BackstageCatalog.ByRefs;
import dev.steward.backstage.BackstageCatalog.EntitiesPage;
import dev.steward.backstage.BackstageCatalog.EntitiesQuery;
import dev.steward.backstage.BackstageCatalog.EntityName;
import dev.steward.backstage.BackstageCatalog.QueryEntities;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Values;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Backstage's catalog API under {@code /api/catalog}, read-only, answering as the Backstage catalog
 * backend does: {@code /entities} (filter, fields, order, offset/limit/after and a {@code Link}
 * header), {@code /entities/by-query} (cursors, by GET and by predicate POST),
 * {@code /entities/by-name}, {@code /entities/by-uid}, {@code /entities/by-refs},
 * {@code /entity-facets} and {@code /locations} (one per catalog file). Each route reads the request
 * into a {@link BackstageCatalog} request (a 400 naming the parameter when it cannot) and writes
 * the answer.
 */
public final class BackstageRoutes {
    public static final String PREFIX = "/api/catalog";
    static final int MAX_LIMIT = 10_000;

    private static final ObjectMapper BODY = new ObjectMapper();

    private final BackstageCatalog catalog;

    public BackstageRoutes(BackstageCatalog catalog) {
        this.catalog = catalog;
    }

    public void entities(Context ctx) {
        String after = ctx.queryParam("after");
        EntitiesPage page = catalog.entities(new EntitiesQuery(EntityFilter.fromQuery(ctx.queryParams("filter")),
                splitAll(ctx.queryParams("order")).stream().map(EntityQuery.Order::parse).toList(),
                splitAll(ctx.queryParams("fields")), intParam(ctx.queryParam("limit"), "limit", 0, MAX_LIMIT),
                after != null ? 0 : orZero(intParam(ctx.queryParam("offset"), "offset", 0, Integer.MAX_VALUE)),
                after == null ? null : Cursor.decode(after)));
        if (page.next() != null) ctx.header("Link", "<" + nextLink(ctx, page.next().encode()) + ">; rel=\"next\"");
        ctx.json(page.items());
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
        Cursor query;
        String cursor = ctx.queryParam("cursor");
        if (cursor != null) {
            query = Cursor.decode(cursor);
            if (query.isPredicate()) throw new BackstageError(400, "InputError",
                    "This cursor belongs to a predicate query; send it to POST /entities/by-query");
        } else {
            List<EntityQuery.Order> order = ctx.queryParams("orderField").stream().map(BackstageRoutes::orderField).toList();
            String term = ctx.queryParam("fullTextFilterTerm");
            EntityQuery.FullText fullText = term == null || term.isBlank() ? null
                    : new EntityQuery.FullText(term.trim(), splitAll(ctx.queryParams("fullTextFilterFields")));
            query = Cursor.ofFilter(ctx.queryParams("filter"), order, fullText);
        }
        int offset = cursor != null ? 0 : orZero(intParam(ctx.queryParam("offset"), "offset", 0, Integer.MAX_VALUE));
        Integer limit = intParam(ctx.queryParam("limit"), "limit", 0, MAX_LIMIT);
        ctx.json(catalog.query(new QueryEntities(query, offset, limit == null ? BackstageCatalog.DEFAULT_QUERY_LIMIT : limit,
                splitAll(ctx.queryParams("fields")))));
    }

    public void queryByPredicate(Context ctx) {
        Map<String, Object> body = body(ctx);
        Cursor query = body.get("cursor") instanceof String cursor ? Cursor.decode(cursor)
                : Cursor.ofPredicate(body.get("query"), orderBy(body.get("orderBy")), fullText(body.get("fullTextFilter")));
        int offset = body.get("cursor") instanceof String || !(body.get("offset") instanceof Number n) ? 0 : n.intValue();
        Integer limit = body.get("limit") instanceof Number n ? n.intValue() : null;
        if (limit != null && (limit < 0 || limit > MAX_LIMIT)) {
            throw new BackstageError(400, "InputError", "Invalid limit: must be between 0 and " + MAX_LIMIT);
        }
        ctx.json(catalog.query(new QueryEntities(query, offset, limit == null ? BackstageCatalog.DEFAULT_QUERY_LIMIT : limit,
                strings(body.get("fields")))));
    }

    /** {@code orderBy: [{field, order}]}; the order is {@code asc} unless it says {@code desc}. */
    private static List<EntityQuery.Order> orderBy(Object value) {
        List<EntityQuery.Order> order = new ArrayList<>();
        for (Object o : Values.list(value)) {
            Map<String, Object> m = Values.map(o);
            if (!(m.get("field") instanceof String field)) {
                throw new BackstageError(400, "InputError", "Invalid orderBy: each entry needs a field, got " + o);
            }
            order.add(EntityQuery.Order.of(field, String.valueOf(m.getOrDefault("order", "asc"))));
        }
        return order;
    }

    private static EntityQuery.FullText fullText(Object value) {
        if (!(value instanceof Map<?, ?> ft)) return null;
        return new EntityQuery.FullText(ft.get("term") == null ? null : String.valueOf(ft.get("term")), strings(ft.get("fields")));
    }

    /** {@code field,order} of the query-string form; the order is {@code asc} when left out. */
    private static EntityQuery.Order orderField(String text) {
        String[] parts = text.split(",", 2);
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new BackstageError(400, "InputError", "Invalid orderField '" + text + "': use field,asc or field,desc");
        }
        return new EntityQuery.Order(parts[0].trim(), direction.equals("asc"));
    }

    public void byName(Context ctx) {
        ctx.json(catalog.byName(entityName(ctx)));
    }

    public void byUid(Context ctx) {
        ctx.json(catalog.byUid(ctx.pathParam("uid")));
    }

    public void byRefs(Context ctx) {
        Map<String, Object> body = body(ctx);
        if (!(body.get("entityRefs") instanceof List<?> refs)) {
            throw new BackstageError(400, "InputError", "Invalid request body: entityRefs must be an array of entity refs");
        }
        List<EntityRef> parsed = new ArrayList<>();
        for (Object r : refs) {
            try {
                parsed.add(EntityRef.parse(String.valueOf(r)));
            } catch (RuntimeException e) {
                throw new BackstageError(400, "InputError", "Invalid entity ref '" + r + "': " + e.getMessage(), e);
            }
        }
        Predicate<SearchRows> filter = body.get("query") != null ? EntityFilter.fromPredicate(body.get("query"))
                : EntityFilter.fromQuery(ctx.queryParams("filter"));
        ctx.json(catalog.byRefs(new ByRefs(parsed, filter, strings(body.get("fields")))));
    }

    public void facets(Context ctx) {
        ctx.json(catalog.facets(ctx.queryParams("facet"), EntityFilter.fromQuery(ctx.queryParams("filter"))));
    }

    public void facetsByPredicate(Context ctx) {
        Map<String, Object> body = body(ctx);
        ctx.json(catalog.facets(strings(body.get("facets")), EntityFilter.fromPredicate(body.get("query"))));
    }

    public void locations(Context ctx) {
        ctx.json(catalog.locations().stream().map(l -> Map.of("data", l)).toList());
    }

    public void location(Context ctx) {
        ctx.json(catalog.location(ctx.pathParam("id")));
    }

    public void locationByEntity(Context ctx) {
        ctx.json(catalog.locationOf(entityName(ctx)));
    }

    private static EntityName entityName(Context ctx) {
        return new EntityName(ctx.pathParam("kind"), ctx.pathParam("namespace"), ctx.pathParam("name"));
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
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        throw new BackstageError(400, "InputError", "The request body must be a JSON object");
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
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
            // reported below, the same as a number out of range
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

package dev.steward.backstage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * Backstage's catalog API as a service over the served snapshot, without HTTP: typed requests in,
 * pages and entities in Backstage's shape out; {@link BackstageError} for what Backstage answers as
 * an error. {@link BackstageRoutes} reads requests into these records and writes the answers.
 */
public final class BackstageCatalog {
    static final int DEFAULT_QUERY_LIMIT = 20;

    /** {@code GET /entities}: filter, order, fields, and an offset or the previous page's cursor. */
    record EntitiesQuery(Predicate<SearchRows> filter, List<EntityQuery.Order> order, List<String> fields,
                         Integer limit, int offset, Cursor after) {
    }

    /** A page of {@code /entities}, and the cursor of the next one when there is one. */
    record EntitiesPage(List<Map<String, Object>> items, Cursor next) {
    }

    /** {@code /entities/by-query}: the query (a first page's or a cursor's), the first page's offset, the page size. */
    record QueryEntities(Cursor query, int offset, int limit, List<String> fields) {
    }

    record QueryPage(List<Map<String, Object>> items, int totalItems, PageInfo pageInfo) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PageInfo(String nextCursor, String prevCursor) {
    }

    /** An entity's kind, namespace and name as the request wrote them (errors quote them so). */
    record EntityName(String kind, String namespace, String name) {
        EntityRef ref() {
            try {
                return EntityRef.of(kind, namespace, name);
            } catch (RuntimeException e) {
                throw new BackstageError(400, "InputError", "Malformed entity name: " + e.getMessage(), e);
            }
        }
    }

    /** {@code /entities/by-refs}: one item per ref, null where there is no such entity or the filter drops it. */
    record ByRefs(List<EntityRef> refs, Predicate<SearchRows> filter, List<String> fields) {
    }

    record Items(List<Map<String, Object>> items) {
    }

    record Facets(Map<String, List<FacetCount>> facets) {
    }

    record FacetCount(String value, int count) {
    }

    /** A catalog file as a Backstage location: a {@code url} location with an id derived from its path. */
    record Location(String id, String type, String target) {
    }

    private final LiveCatalog live;
    private final Supplier<SourceLinks> links;
    private volatile BackstageSnapshot snapshot;

    public BackstageCatalog(LiveCatalog live, Supplier<SourceLinks> links) {
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
            s = BackstageSnapshot.build(catalog, links.get(), revision(catalog), snapshot);
            snapshot = s;
            return s;
        }
    }

    /** The revision location annotations point at: the followed branch when there is one, else the commit. */
    private String revision(Catalog catalog) {
        String ref = live.state().sync().ref();
        return ref == null ? catalog.commit() : ref;
    }

    /** {@code entity} of {@code catalog} in Backstage's shape, as {@code /api/catalog} answers it. */
    public Map<String, Object> shape(Catalog catalog, Entity entity) {
        BackstageSnapshot s = snapshot;
        if (s != null && s.catalog == catalog) return s.entities.get(s.byRef.get(entity.ref()));
        return BackstageEntity.shape(entity, catalog.relations().of(entity), links.get(), revision(catalog));
    }

    EntitiesPage entities(EntitiesQuery q) {
        List<EntityQuery.Row> rows = EntityQuery.run(snapshot(), q.filter(), null, q.order());
        int offset;
        if (q.after() != null) {
            // The cursor holds the last row's place in the order: the next page starts right after it.
            if (q.after().after() == null) throw new BackstageError(400, "InputError", "Malformed cursor: it holds no position");
            offset = EntityQuery.firstAfter(rows, Cursor.fitting(q.after().after(), q.order()), q.order(), false);
        } else {
            offset = Math.min(rows.size(), q.offset());
        }
        int end = q.limit() == null ? rows.size() : Math.min(rows.size(), offset + q.limit());
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = offset; i < end; i++) items.add(FieldPaths.select(rows.get(i).entity(), q.fields()));
        boolean more = q.limit() != null && end < rows.size() && end > offset;
        return new EntitiesPage(items, more ? Cursor.after(EntityQuery.key(rows.get(end - 1), q.order())) : null);
    }

    /** One page of a cursor query, with the cursors to the pages either side. */
    QueryPage query(QueryEntities q) {
        Cursor query = q.query();
        List<EntityQuery.Order> order = query.order();
        List<EntityQuery.Row> rows = EntityQuery.run(snapshot(), query.predicate(), query.fullTextFilter(), order);
        // A cursor names the last row seen (next page) or the first (previous page); the first request an offset.
        List<String> after = Cursor.fitting(query.after(), order);
        List<String> before = Cursor.fitting(query.before(), order);
        int start;
        int end;
        if (after != null) {
            start = EntityQuery.firstAfter(rows, after, order, false);
            end = Math.min(rows.size(), start + q.limit());
        } else if (before != null) {
            end = EntityQuery.firstAfter(rows, before, order, true);
            start = Math.max(0, end - q.limit());
        } else {
            start = Math.min(rows.size(), Math.max(0, q.offset()));
            end = Math.min(rows.size(), start + q.limit());
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = start; i < end; i++) items.add(FieldPaths.select(rows.get(i).entity(), q.fields()));
        String next = end < rows.size() && end > start
                ? query.at(true, EntityQuery.key(rows.get(end - 1), order)).encode() : null;
        String prev = start > 0 && start < rows.size() ? query.at(false, EntityQuery.key(rows.get(start), order)).encode() : null;
        return new QueryPage(items, rows.size(), new PageInfo(next, prev));
    }

    Map<String, Object> byName(EntityName name) {
        EntityRef ref = name.ref();
        BackstageSnapshot s = snapshot();
        Integer i = s.byRef.get(ref);
        if (i == null) {
            throw new BackstageError(404, "NotFoundError", "No entity named '" + name.name() + "' found, with kind '"
                    + name.kind() + "' in namespace '" + name.namespace() + "'");
        }
        return s.entities.get(i);
    }

    Map<String, Object> byUid(String uid) {
        BackstageSnapshot s = snapshot();
        Integer i = s.byUid.get(uid);
        if (i == null) throw new BackstageError(404, "NotFoundError", "No entity with uid " + uid);
        return s.entities.get(i);
    }

    Items byRefs(ByRefs request) {
        BackstageSnapshot s = snapshot();
        List<Map<String, Object>> items = new ArrayList<>();
        for (EntityRef ref : request.refs()) {
            Integer i = s.byRef.get(ref);
            boolean found = i != null && request.filter().test(s.rows(i));
            items.add(found ? FieldPaths.select(s.entities.get(i), request.fields()) : null);
        }
        return new Items(items);
    }

    /** How many matching entities have each value of each facet (an entity counts once per value). */
    Facets facets(List<String> facets, Predicate<SearchRows> filter) {
        if (facets.isEmpty()) throw new BackstageError(400, "InputError", "Missing facet: give at least one facet=field");
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        facets.forEach(f -> counts.put(f, new TreeMap<>()));
        for (EntityQuery.Row row : EntityQuery.run(snapshot(), filter, null, List.of())) {
            for (String facet : facets) {
                for (String v : facetValues(row.entity(), facet)) counts.get(facet).merge(v, 1, Integer::sum);
            }
        }
        Map<String, List<FacetCount>> out = new LinkedHashMap<>();
        counts.forEach((facet, values) -> out.put(facet, values.entrySet().stream()
                .map(e -> new FacetCount(e.getKey(), e.getValue())).toList()));
        return new Facets(out);
    }

    private static Set<String> facetValues(Map<String, Object> entity, String facet) {
        Set<String> seen = new LinkedHashSet<>();
        if (facet.toLowerCase(Locale.ROOT).startsWith("relations.")) {
            String type = facet.substring("relations.".length());
            for (Object r : Values.list(entity.get("relations"))) {
                Map<String, Object> m = Values.map(r);
                if (type.equalsIgnoreCase(String.valueOf(m.get("type")))) seen.add(String.valueOf(m.get("targetRef")));
            }
        } else {
            for (Object v : FieldPaths.values(entity, facet)) {
                if (!(v instanceof Map)) seen.add(String.valueOf(v));
            }
        }
        return seen;
    }

    /** One location per catalog file. */
    List<Location> locations() {
        BackstageSnapshot s = snapshot();
        return s.catalog.manifestPaths().stream().map(p -> location(s.revision, p)).toList();
    }

    Location location(String id) {
        return locations().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new BackstageError(404, "NotFoundError", "Found no location with ID " + id));
    }

    /** The location of the file that holds the entity. */
    Location locationOf(EntityName name) {
        EntityRef ref = name.ref();
        BackstageSnapshot s = snapshot();
        Entity e = s.catalog.entity(ref);
        if (e == null) throw new BackstageError(404, "NotFoundError", "No entity " + ref);
        return location(s.revision, e.source().path());
    }

    private Location location(String revision, String path) {
        return new Location(UUID.nameUUIDFromBytes(("url:" + path).getBytes(StandardCharsets.UTF_8)).toString(), "url",
                links.get().file(revision, path));
    }
}

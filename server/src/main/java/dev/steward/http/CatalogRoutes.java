package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import dev.steward.backstage.BackstageCatalog;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.EntityHistory;
import dev.steward.resolve.Resolver;
import dev.steward.search.TextMatch;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;

/** Browsing the catalog: the filtered, paged entity list and one entity with everything about it. */
final class CatalogRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final LiveCatalog live;
    private final BackstageCatalog backstage;
    /** Null when the server has no Git repository behind it: no history then. */
    private final CommitCatalogs commits;

    /** {@code backstage} shapes the entity of an entity page as {@code /api/catalog} answers it. */
    CatalogRoutes(LiveCatalog live, BackstageCatalog backstage, CommitCatalogs commits) {
        this.live = live;
        this.backstage = backstage;
        this.commits = commits;
    }

    EndpointGroup group() {
        return () -> path("/api/entities", () -> {
            get(this::list);
            path("{kind}/{namespace}/{name}", () -> {
                get(this::entity);
                get("history", this::history);
            });
        });
    }

    void list(Context ctx) {
        Catalog catalog = live.current();
        Predicate<Entity> filter = filter(ctx);
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        boolean withFacets = "true".equalsIgnoreCase(ctx.queryParam("facets"));
        Views.Facets facets = withFacets ? new Views.Facets() : null;
        List<Views.EntitySummary> items = new ArrayList<>();
        int total = 0;
        for (Entity e : candidates(ctx, catalog)) {
            if (!filter.test(e)) continue;
            if (total >= offset && items.size() < limit) items.add(Views.EntitySummary.of(e));
            if (facets != null) facets.count(e);
            total++;
        }
        ctx.json(new Views.Page<>(items, total, offset, limit, facets == null ? null : facets.top(20)));
    }

    void entity(Context ctx) {
        Catalog catalog = live.current();
        EntityRef ref;
        try {
            ref = EntityRef.of(ctx.pathParam("kind"), ctx.pathParam("namespace"), ctx.pathParam("name"));
        } catch (RuntimeException e) {
            throw ApiError.badRequest("malformed entity path: " + e.getMessage());
        }
        Entity e = catalog.entity(ref);
        if (e == null) throw ApiError.notFound("no entity " + ref + " in the catalog at " + catalog.commit());
        ctx.json(new Views.EntityPage(ref, backstage.shape(catalog, e), e.source().toString(),
                catalog.relations().of(e), catalog.scopeChain(e), catalog.lineage().consumers(ref),
                catalog.lineage().producers(ref), Views.LineageGraph.around(catalog, ref, 2),
                Resolver.resolveAll(catalog, e), catalog.commit()));
    }

    /** The commits that changed the entity, from the served commit back: ownership history from Git. */
    void history(Context ctx) throws IOException {
        if (commits == null) throw new ApiError(404, "history needs the Git repository; this server has none");
        Catalog catalog = live.current();
        EntityRef ref = EntityRef.of(ctx.pathParam("kind"), ctx.pathParam("namespace"), ctx.pathParam("name"));
        if (catalog.commit() == null) throw new ApiError(503, "no commit is served yet");
        int limit = intParam(ctx, "limit", 50, 1, 500);
        var changes = EntityHistory.of(commits.repository(),
                ObjectId.fromString(catalog.commit()), catalog.catalogRoot(), ref, limit, 5000);
        if (changes.isEmpty() && catalog.entity(ref) == null) {
            throw ApiError.notFound("no entity " + ref + " in the catalog or its history");
        }
        ctx.json(new Views.History(ref, catalog.commit(), changes));
    }

    /** The narrowest index that holds every possible match: the owner's entities, or one kind's; else all. */
    private static List<Entity> candidates(Context ctx, Catalog catalog) {
        EntityRef owner = refParam(ctx, "owner", "group");
        if (owner != null) return catalog.ownedBy(owner);
        String kind = lower(ctx.queryParam("kind"));
        return kind != null ? catalog.entitiesOfKind(kind) : catalog.entities();
    }

    private static Predicate<Entity> filter(Context ctx) {
        Predicate<Entity> p = e -> true;
        String kind = lower(ctx.queryParam("kind"));
        if (kind != null) p = p.and(e -> e.ref().kind().equals(kind));
        String type = lower(ctx.queryParam("type"));
        if (type != null) p = p.and(e -> e.type() != null && e.type().toLowerCase(Locale.ROOT).equals(type));
        EntityRef owner = refParam(ctx, "owner", "group");
        if (owner != null) p = p.and(e -> owner.equals(e.owner()));
        EntityRef system = refParam(ctx, "system", "system");
        if (system != null) p = p.and(e -> system.equals(e.system()));
        TextMatch text = TextMatch.of(ctx.queryParam("q"));
        if (!text.isEmpty()) p = p.and(text::matches);
        String tag = lower(ctx.queryParam("tag"));
        if (tag != null) p = p.and(e -> e.tags().contains(tag));
        return p;
    }

    private static EntityRef refParam(Context ctx, String name, String defaultKind) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) return null;
        try {
            return EntityRef.parse(value, defaultKind, EntityRef.DEFAULT_NAMESPACE);
        } catch (EntityRef.RefFormatException e) {
            throw ApiError.badRequest(name + ": " + e.getMessage());
        }
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) throw ApiError.badRequest(name + " must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number, not '" + value + "'");
        }
    }
}

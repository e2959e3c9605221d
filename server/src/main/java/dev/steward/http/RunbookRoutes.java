package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.runbooks.Runbook;
import dev.steward.search.Search;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Runbooks as pages and as JSON, and full-text search over runbooks and entities. */
final class RunbookRoutes {
    private final LiveCatalog live;
    private final Search search;
    private final int maxAgeDays;

    RunbookRoutes(LiveCatalog live, Search search, int maxAgeDays) {
        this.live = live;
        this.search = search;
        this.maxAgeDays = maxAgeDays;
    }

    /** {@code <path>} takes the rest of the URL, slashes and all: runbooks sit in folders. */
    EndpointGroup group() {
        return () -> {
            path("/api/runbooks", () -> {
                get(this::list);
                get("<path>", this::json);
            });
            get("/runbooks/<path>", this::page);
            get("/api/search", this::search);
        };
    }

    private Runbook runbook(Context ctx) {
        Catalog catalog = live.current();
        String path = ctx.pathParam("path");
        Runbook runbook = Runbook.load(catalog.runbooks(), path, LocalDate.now(ZoneOffset.UTC), maxAgeDays);
        if (runbook == null) throw ApiError.notFound("no runbook '" + path + "' under " + catalog.runbooks().root() + "/");
        return runbook;
    }

    void json(Context ctx) {
        ctx.json(runbook(ctx));
    }

    void list(Context ctx) {
        Catalog catalog = live.current();
        boolean staleOnly = "true".equalsIgnoreCase(ctx.queryParam("stale"));
        List<Runbook> out = new ArrayList<>();
        for (String path : catalog.runbooks().paths().stream().sorted().toList()) {
            Runbook r = Runbook.load(catalog.runbooks(), path, LocalDate.now(ZoneOffset.UTC), maxAgeDays);
            if (!staleOnly || r.stale()) {
                out.add(new Runbook(r.path(), r.title(), r.owner(), r.responsibilities(), r.reviewed(), r.stale(), null));
            }
        }
        ctx.json(out);
    }

    /** The runbook page: the sanitised HTML in a page that runs no script at all. */
    void page(Context ctx) {
        Runbook r = runbook(ctx);
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src https:; base-uri 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.html("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(r.title()) + " — Steward runbook</title>"
                + "<link rel=\"stylesheet\" href=\"/steward.css\"></head><body><header><p><a href=\"/\">Steward</a> › runbooks</p>"
                + (r.stale() ? "<p class=\"error\" role=\"alert\">Stale: " + escape(staleness(r)) + ".</p>" : "")
                + "</header><main><article>" + r.html() + "</article></main></body></html>");
    }

    /** Why a stale runbook is stale, in words: a runbook without a reviewed date was never reviewed. */
    static String staleness(Runbook r) {
        return r.reviewed() == null ? "never reviewed (its front matter has no reviewed: date)" : "last reviewed " + r.reviewed();
    }

    void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) throw ApiError.badRequest("query parameter 'q' is required");
        int limit = CatalogRoutes.intParam(ctx, "limit", 20, 1, 200);
        ctx.json(search.search(q, limit));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

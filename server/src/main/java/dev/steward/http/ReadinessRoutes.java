package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.EntityLookup;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.readiness.CheckResult;
import dev.steward.readiness.ChecklistReadiness;
import dev.steward.readiness.EntityReadiness;
import dev.steward.readiness.ReadinessIndex;
import dev.steward.readiness.store.ReadinessService;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Production readiness over HTTP: one entity, a filtered list, the checklists, attestations and waivers. */
final class ReadinessRoutes {
    private final AppContext.Readiness readiness;

    ReadinessRoutes(AppContext.Readiness readiness) {
        this.readiness = readiness;
    }

    EndpointGroup group() {
        return () -> path("/api/readiness", () -> {
            get(this::find);
            get("checklists", this::checklists);
            post("attestations", this::attest);
            post("waivers", this::waive);
        });
    }

    /** One entity's line in a list: its level per checklist, and each check's status for one checklist. */
    record Item(EntityRef entity, String title, String kind, String type, EntityRef owner, String lifecycle,
                boolean ready, String level, List<Summary> checklists, Map<String, String> checks) {
    }

    record Summary(String checklist, String level, boolean ready, String gate, boolean overdue) {
    }

    record Page(List<Item> items, int total, int offset, int limit, Map<String, Integer> levels, String commit) {
    }

    record CheckView(String id, String title, String level, String kind, String rule, String by, String validFor,
                     List<String> voidOn, LocalDate effectiveFrom, String runbook) {
    }

    record ChecklistView(String name, String title, String description, List<String> appliesTo, EntityRef scope,
                         String replaces, List<String> levels, String gate, LocalDate dueBy, String location,
                         List<CheckView> checks, Map<String, Integer> levelCounts) {
    }

    /** One entity's readiness ({@code ?entity=}), or a filtered, paged list. */
    void find(Context ctx) {
        String entityParam = ctx.queryParam("entity");
        ReadinessIndex index = readiness.live().current();
        if (entityParam != null) {
            ctx.json(one(index, entityParam));
            return;
        }
        ctx.json(list(ctx, index));
    }

    private static Object one(ReadinessIndex index, String text) {
        Entity entity;
        try {
            entity = EntityLookup.find(index.catalog(), text);
        } catch (EntityLookup.LookupException e) {
            throw new ApiError(e.malformed() ? 400 : 404, e.getMessage());
        }
        EntityReadiness r = index.of(entity);
        if (r != null) return r;
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("entity", entity.ref());
        none.put("ready", true);
        none.put("commit", index.catalog().commit());
        none.put("checklists", List.of());
        none.put("note", "no readiness checklist applies to " + entity.ref());
        return none;
    }

    private static Page list(Context ctx, ReadinessIndex index) {
        Catalog catalog = index.catalog();
        String checklist = ctx.queryParam("checklist");
        if (checklist != null && catalog.checklist(checklist) == null) {
            throw ApiError.notFound("no readiness checklist '" + checklist + "'");
        }
        String name = checklist == null ? null : catalog.checklist(checklist).name();
        Boolean ready = bool(ctx.queryParam("ready"));
        EntityRef owner = owner(ctx.queryParam("owner"));
        int limit = CatalogRoutes.intParam(ctx, "limit", 100, 1, 1000);
        int offset = CatalogRoutes.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ReadinessIndex.Selection selection = owner == null ? index.select(name, ready) : index.select(
                catalog.ownedBy(owner).stream().map(index::of).filter(Objects::nonNull).toList(), name, ready);
        List<EntityReadiness> matching = selection.items();
        List<Item> items = new ArrayList<>();
        for (int i = offset; i < matching.size() && items.size() < limit; i++) {
            items.add(item(catalog.entity(matching.get(i).entity()), matching.get(i), name));
        }
        return new Page(items, matching.size(), offset, limit, selection.levels(), catalog.commit());
    }

    private static Item item(Entity entity, EntityReadiness r, String checklist) {
        List<Summary> summaries = r.checklists().stream()
                .map(c -> new Summary(c.checklist(), c.level(), c.ready(), c.gate(), c.overdue())).toList();
        Map<String, String> checks = null;
        ChecklistReadiness one = checklist == null ? null : r.checklist(checklist);
        if (one != null) {
            checks = new LinkedHashMap<>();
            for (CheckResult c : one.checks()) checks.put(c.id(), c.status().label());
        }
        boolean ready = one != null ? one.ready() : r.ready();
        String level = one != null ? one.level() : r.level();
        return new Item(entity.ref(), entity.title(), entity.kind(), entity.type(), entity.owner(), entity.lifecycle(),
                ready, level, summaries, checks);
    }

    void checklists(Context ctx) {
        ReadinessIndex index = readiness.live().current();
        List<ChecklistView> out = new ArrayList<>();
        for (ReadinessChecklist c : index.catalog().checklists()) {
            List<CheckView> checks = c.checks().stream().map(k -> new CheckView(k.id(), k.title(), k.level(),
                    k.kind().label(), k.rule() == null ? null : k.rule().text(),
                    k.attest() == null ? null : k.attest().by().text(),
                    k.attest() == null ? null : k.attest().validForText(),
                    k.attest() == null ? null : k.attest().voidOn(), k.effectiveFrom(), k.runbook())).toList();
            out.add(new ChecklistView(c.name(), c.title(), c.description(),
                    c.appliesTo().stream().map(Object::toString).toList(), c.scope(), c.replaces(), c.levels(), c.gate(),
                    c.dueBy(), c.source().toString(), checks, index.select(c.name(), null).levels()));
        }
        ctx.json(out);
    }

    void attest(Context ctx) {
        ctx.status(201).json(service().attest(IncidentRoutes.body(ctx), IncidentRoutes.actor(ctx)));
    }

    void waive(Context ctx) {
        ctx.status(201).json(service().waive(IncidentRoutes.body(ctx), IncidentRoutes.actor(ctx)));
    }

    private ReadinessService service() {
        if (readiness.service() == null) throw new ApiError(404, "this server keeps no readiness evidence");
        return readiness.service();
    }

    private static Boolean bool(String text) {
        if (text == null || text.isBlank()) return null;
        if (text.equalsIgnoreCase("true")) return true;
        if (text.equalsIgnoreCase("false")) return false;
        throw ApiError.badRequest("ready must be true or false, not '" + text + "'");
    }

    private static EntityRef owner(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return EntityRef.parse(text.trim(), "group", EntityRef.DEFAULT_NAMESPACE);
        } catch (EntityRef.RefFormatException e) {
            throw ApiError.badRequest("owner: " + e.getMessage());
        }
    }
}

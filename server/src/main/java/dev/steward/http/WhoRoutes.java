package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.EntityLookup;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.model.Entity;
import dev.steward.json.Json;
import dev.steward.rca.IncidentService;
import dev.steward.resolve.Blocker;
import dev.steward.resolve.GroupDuties;
import dev.steward.resolve.NotFoundException;
import dev.steward.resolve.Resolver;
import dev.steward.store.Database;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.List;

/** "Who approves this change, and why": {@code /api/who} and a team's duties. */
final class WhoRoutes {
    private final LiveCatalog live;
    private final IncidentService incidents;
    private final AnswerCache answers = new AnswerCache();
    private final ObjectMapper json = Json.mapper();

    WhoRoutes(LiveCatalog live, IncidentService incidents) {
        this.live = live;
        this.incidents = incidents;
    }

    EndpointGroup group() {
        return () -> {
            get("/api/who", this::who);
            get("/api/groups/{name}/duties", this::duties);
        };
    }

    void who(Context ctx) {
        Catalog catalog = live.current();
        String entityParam = ctx.queryParam("entity");
        String responsibility = ctx.queryParam("responsibility");
        if (entityParam == null || entityParam.isBlank()) throw ApiError.badRequest("query parameter 'entity' is required");
        if (responsibility == null || responsibility.isBlank()) {
            throw ApiError.badRequest("query parameter 'responsibility' is required");
        }
        Entity entity = lookup(catalog, entityParam, null);
        try {
            List<Blocker> blockers;
            try {
                blockers = incidents == null ? List.of() : incidents.blockers(entity.ref());
            } catch (RuntimeException e) {
                if (!Database.isUnavailable(e)) throw e;
                // Reads go on while the store is down: the answer from Git, saying what it cannot know.
                ctx.json(Resolver.resolve(catalog, entity.ref(), responsibility.trim())
                        .withNote("overdue follow-ups unknown: the store is unavailable"));
                return;
            }
            if (!blockers.isEmpty()) {
                ctx.json(Resolver.resolve(catalog, entity.ref(), responsibility.trim()).withBlockers(blockers));
                return;
            }
            // Without blockers the answer depends on the snapshot alone: serve it from the snapshot's cache.
            byte[] body = answers.get(catalog, entity.ref() + " " + responsibility.trim(), () -> serialize(
                    Resolver.resolve(catalog, entity.ref(), responsibility.trim())));
            ctx.contentType("application/json").result(body);
        } catch (NotFoundException e) {
            throw ApiError.notFound(e.getMessage());
        }
    }

    private byte[] serialize(Object answer) {
        try {
            return json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void duties(Context ctx) {
        Catalog catalog = live.current();
        Entity group = lookup(catalog, ctx.pathParam("name"), "group");
        try {
            ctx.json(GroupDuties.of(catalog, group.ref()));
        } catch (NotFoundException e) {
            throw ApiError.notFound(e.getMessage());
        }
    }

    static Entity lookup(Catalog catalog, String text, String defaultKind) {
        try {
            return EntityLookup.find(catalog, text, defaultKind);
        } catch (EntityLookup.LookupException e) {
            throw new ApiError(e.malformed() ? 400 : 404, e.getMessage());
        }
    }
}

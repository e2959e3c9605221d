package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.json.Json;
import dev.steward.rca.AddAction;
import dev.steward.rca.CreateIncident;
import dev.steward.rca.IncidentService;
import dev.steward.rca.UpdateAction;
import dev.steward.rca.UpdateIncident;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;

/**
 * Incidents, their action items and postmortems, over the API. Writes need a bearer token; their
 * bodies are parsed here into the service's commands, each problem a 400 naming its field.
 */
final class IncidentRoutes {
    static final String ACTOR = "steward.actor";
    private static final ObjectMapper JSON = Json.mapper();

    private final IncidentService incidents;

    IncidentRoutes(IncidentService incidents) {
        this.incidents = incidents;
    }

    EndpointGroup group() {
        return () -> {
            path("/api/incidents", () -> {
                post(this::create);
                get(this::list);
                path("{id}", () -> {
                    get(this::incident);
                    patch(this::update);
                    post("actions", this::addAction);
                    patch("actions/{actionId}", this::updateAction);
                    get("postmortem.md", this::postmortem);
                });
            });
            get("/api/actions", this::actions);
        };
    }

    private IncidentService service() {
        if (incidents == null) throw new ApiError(404, "this server keeps no incidents");
        return incidents;
    }

    void create(Context ctx) {
        ctx.status(201).json(service().create(CreateIncident.parse(body(ctx)), actor(ctx)));
    }

    void list(Context ctx) {
        int limit = CatalogRoutes.intParam(ctx, "limit", 100, 1, 1000);
        ctx.json(service().list(ctx.queryParam("entity"), ctx.queryParam("status"), limit));
    }

    void incident(Context ctx) {
        ctx.json(service().get(id(ctx, "id")));
    }

    void update(Context ctx) {
        ctx.json(service().update(id(ctx, "id"), UpdateIncident.parse(body(ctx)), actor(ctx)));
    }

    void addAction(Context ctx) {
        ctx.status(201).json(service().addAction(id(ctx, "id"), AddAction.parse(body(ctx)), actor(ctx)));
    }

    void updateAction(Context ctx) {
        ctx.json(service().updateAction(id(ctx, "id"), id(ctx, "actionId"), UpdateAction.parse(body(ctx)),
                actor(ctx)));
    }

    void postmortem(Context ctx) {
        ctx.contentType("text/markdown; charset=utf-8").result(service().postmortem(id(ctx, "id")));
    }

    void actions(Context ctx) {
        ctx.json(service().actions("true".equalsIgnoreCase(ctx.queryParam("overdue")), ctx.queryParam("owner"),
                ctx.queryParam("status"), ctx.queryParam("entity")));
    }

    static String actor(Context ctx) {
        return ctx.attribute(ACTOR);
    }

    private static long id(Context ctx, String param) {
        try {
            return Long.parseLong(ctx.pathParam(param));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(param + " must be a number");
        }
    }

    static Map<String, Object> body(Context ctx) {
        try {
            Map<String, Object> body = JSON.readValue(ctx.bodyAsBytes(), new TypeReference<Map<String, Object>>() { });
            if (body == null) throw ApiError.badRequest("body: a JSON object is required");
            return body;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "body: not a JSON object (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ApiError(400, "body: unreadable (" + e.getMessage() + ")");
        }
    }
}

package dev.steward.http;

import dev.steward.backstage.BackstageCatalog;
import dev.steward.backstage.BackstageError;
import dev.steward.backstage.BackstageRoutes;
import dev.steward.backstage.SourceLinks;
import dev.steward.chatops.ChatOps;
import dev.steward.chatops.SlackRoutes;
import dev.steward.json.Json;
import dev.steward.rca.Conflict;
import dev.steward.rca.IncidentService;
import dev.steward.rca.InvalidInput;
import dev.steward.readiness.NotEligible;
import dev.steward.resolve.NotFoundException;
import dev.steward.store.Database;
import dev.steward.webhooks.WebhookRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP application, assembled from its parts so tests can hand it any catalog. Every error is
 * JSON {@code {status, error, message}}; the UI is served from the classpath at {@code /}.
 */
public final class StewardApp {
    private static final Logger LOG = LoggerFactory.getLogger(StewardApp.class);

    private StewardApp() {
    }

    /** The web UI's pages: one HTML page for each, routed by its script. Not API, so not in openapi.json. */
    public static final List<String> UI_PAGES = List.of("/", "/entities/*", "/teams/*", "/explorer", "/plans",
            "/incidents", "/incidents/*", "/runbooks", "/readiness", "/readiness/*", "/alignment");

    public static Javalin create(AppContext app) {
        BackstageCatalog backstageCatalog = new BackstageCatalog(app.live(), () -> SourceLinks.forRepository(
                app.commits() == null ? null : app.commits().repository().location()));
        CatalogRoutes catalog = new CatalogRoutes(app.live(), backstageCatalog);
        WhoRoutes who = new WhoRoutes(app.live(), app.incidents());
        StatusRoutes status = new StatusRoutes(app);
        PlanRoutes plans = new PlanRoutes(app);
        WebhookRoutes webhooks = new WebhookRoutes(app.webhooks(), app.requestCheck());
        IncidentRoutes incidents = new IncidentRoutes(app.incidents());
        RunbookRoutes runbooks = new RunbookRoutes(app.live(), app.search(), app.runbookMaxAgeDays());
        ChatOps chat = new ChatOps(app.live(), app.incidents(), app.chat().publicUrl(), app.readiness().live(),
                app.readiness().service(), app.chat().slackDirectory());
        SlackRoutes slack = new SlackRoutes(app.chat().slackSigningSecret(), chat, app.chat().clock());
        OpenApiRoutes openApi = new OpenApiRoutes();
        ReadinessRoutes readiness = new ReadinessRoutes(app.readiness());
        AlignmentRoutes alignment = new AlignmentRoutes(app.alignment(), Clock.systemUTC());
        BackstageRoutes backstage = new BackstageRoutes(backstageCatalog);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // Graceful shutdown: stop accepting, let requests in flight finish (up to 20 s), then stop.
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(20_000);
                server.insertHandler(new GracefulHandler());
            });
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 26L * 1024 * 1024; // GitHub sends push payloads of up to 25 MB
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.staticFiles.add("/steward/web", Location.CLASSPATH);
            config.routes.get("/healthz", status::healthz);
            config.routes.get("/readyz", status::readyz);
            config.routes.get("/openapi.json", openApi::document);
            config.routes.get("/api/docs", openApi::page);
            config.routes.get("/api/docs/{file}", openApi::asset);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(app.ops().metrics().scrape()));
            config.requestLogger.http((ctx, millis) -> {
                var endpoint = ctx.endpoints().lastHttpEndpoint();
                String route = endpoint == null ? (ctx.status().getCode() == 404 ? "unmatched" : "static") : endpoint.path;
                app.ops().metrics().request(ctx.method().name(), route, ctx.status().getCode(),
                        (long) (millis.doubleValue() * 1_000_000));
            });
            config.routes.get("/api/status", status::status);
            config.routes.get("/api/loads", status::loads);
            config.routes.get("/api/who", who::who);
            config.routes.get("/api/groups/{name}/duties", who::duties);
            config.routes.get("/api/entities", catalog::list);
            config.routes.get("/api/entities/{kind}/{namespace}/{name}", catalog::get);
            config.routes.get("/api/entities/{kind}/{namespace}/{name}/history", ctx -> catalog.history(ctx, app.commits()));
            config.routes.get("/api/plan", plans::plan);
            String bs = BackstageRoutes.PREFIX;
            config.routes.get(bs + "/entities", backstage::entities);
            config.routes.get(bs + "/entities/by-query", backstage::queryByGet);
            config.routes.post(bs + "/entities/by-query", backstage::queryByPredicate);
            config.routes.get(bs + "/entities/by-name/{kind}/{namespace}/{name}", backstage::byName);
            config.routes.get(bs + "/entities/by-uid/{uid}", backstage::byUid);
            config.routes.post(bs + "/entities/by-refs", backstage::byRefs);
            config.routes.get(bs + "/entity-facets", backstage::facets);
            config.routes.post(bs + "/entity-facets", backstage::facetsByPredicate);
            config.routes.get(bs + "/locations", backstage::locations);
            config.routes.get(bs + "/locations/{id}", backstage::location);
            config.routes.get(bs + "/locations/by-entity/{kind}/{namespace}/{name}", backstage::locationByEntity);
            config.routes.delete(bs + "/entities/by-uid/{uid}", backstage::readOnly);
            config.routes.post(bs + "/locations", backstage::readOnly);
            config.routes.post(bs + "/refresh", backstage::readOnly);
            for (String page : UI_PAGES) {
                config.routes.get(page, StewardApp::ui);
            }
            config.routes.before("/api/*", ctx -> authorize(ctx, app.tokens()));
            config.routes.post("/api/incidents", incidents::create);
            config.routes.get("/api/incidents", incidents::list);
            config.routes.get("/api/incidents/{id}", incidents::get);
            config.routes.patch("/api/incidents/{id}", incidents::update);
            config.routes.post("/api/incidents/{id}/actions", incidents::addAction);
            config.routes.patch("/api/incidents/{id}/actions/{actionId}", incidents::updateAction);
            config.routes.get("/api/incidents/{id}/postmortem.md", incidents::postmortem);
            config.routes.get("/api/actions", incidents::actions);
            config.routes.get("/api/readiness", readiness::get);
            config.routes.get("/api/readiness/checklists", readiness::checklists);
            config.routes.get("/api/alignment", alignment::get);
            config.routes.post("/api/readiness/attestations", readiness::attest);
            config.routes.post("/api/readiness/waivers", readiness::waive);
            config.routes.get("/api/runbooks", runbooks::list);
            config.routes.get("/api/runbooks/<path>", runbooks::json);
            config.routes.get("/runbooks/<path>", runbooks::page);
            config.routes.get("/api/search", runbooks::search);
            config.routes.get("/api/chatops", ctx -> ctx.contentType("text/plain; charset=utf-8")
                    .result(chat.answer(ctx.queryParam("text")).text() + "\n"));
            config.routes.post("/slack/commands", slack::command);
            config.routes.post("/webhooks/github", webhooks::github);
            config.routes.post("/webhooks/gitlab", webhooks::gitlab);
            config.routes.exception(BackstageError.class, BackstageRoutes::error);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(InvalidInput.class, (e, ctx) -> {
                error(ctx, 400, e.getMessage());
                ctx.json(Map.of("status", 400, "error", "Bad Request", "message", e.getMessage(), "field", e.field()));
            });
            config.routes.exception(Conflict.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            config.routes.exception(NotEligible.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
            config.routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            config.routes.exception(IncidentService.NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (Database.isUnavailable(e)) {
                    // Not written, so not acknowledged: the client may retry once the store is back.
                    LOG.warn("store unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                    ctx.header("Retry-After", "5");
                    error(ctx, 503, "the store is unavailable; nothing was written, retry shortly");
                    return;
                }
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                boolean alreadyJson = type != null && type.startsWith("application/json");
                if (ctx.path().startsWith(BackstageRoutes.PREFIX + "/") && !alreadyJson) {
                    BackstageRoutes.error(new BackstageError(404, "NotFoundError", "No such endpoint: "
                            + ctx.method() + " " + ctx.path()), ctx);
                } else if (ctx.path().startsWith("/api/") && !alreadyJson) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
        });
    }

    private static final byte[] INDEX = uiIndex();

    private static byte[] uiIndex() {
        try (InputStream in = StewardApp.class.getResourceAsStream("/steward/web/index.html")) {
            return in == null ? "<!doctype html><p>The UI is missing from this build.</p>".getBytes() : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The UI: one page for every deep link; the script routes by path. Nothing inline, so a strict CSP. */
    private static void ui(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/html; charset=utf-8").result(INDEX);
    }

    /** Writes to the API need a bearer token; the token's name is the actor in the audit trail. */
    private static void authorize(Context ctx, ApiTokens tokens) {
        String method = ctx.method().name();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return;
        // Backstage's catalog API queries by POST; it has no writes (they answer 405).
        if (ctx.path().startsWith(BackstageRoutes.PREFIX + "/")) return;
        String actor = tokens.authenticate(ctx.header("Authorization"));
        if (actor == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"steward\"");
            throw new ApiError(401, tokens.isEmpty() ? "writes are off: no API tokens are configured (STEWARD_API_TOKENS)"
                    : "a valid 'Authorization: Bearer <token>' header is required to write");
        }
        ctx.attribute(IncidentRoutes.ACTOR, actor);
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("status", status, "error", reason(status), "message", message));
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}

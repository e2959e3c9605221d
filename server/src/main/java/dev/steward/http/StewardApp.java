package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.before;

import dev.steward.backstage.BackstageCatalog;
import dev.steward.backstage.BackstageRoutes;
import dev.steward.backstage.SourceLinks;
import dev.steward.json.Json;
import dev.steward.ops.Metrics;
import dev.steward.webhooks.WebhookRoutes;
import io.javalin.Javalin;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP application, assembled from its parts so tests can hand it any catalog: one route group per
 * feature, writes to the API behind a token, every error as JSON ({@link ErrorResponses}), and the UI
 * served from the classpath at {@code /}.
 */
public final class StewardApp {
    private StewardApp() {
    }

    public static Javalin create(AppContext app) {
        // Javalin tries routes in the order they were added; the one pair of groups whose paths could
        // overlap, the UI's /runbooks and the runbook pages' /runbooks/<path>, keeps the UI first.
        BackstageCatalog backstage = backstageCatalog(app);
        List<EndpointGroup> groups = List.of(
                new StatusRoutes(app).group(),
                new OpenApiRoutes().group(),
                new WhoRoutes(app.live(), app.incidents()).group(),
                new CatalogRoutes(app.live(), backstage, app.commits()).group(),
                new PlanRoutes(app).group(),
                BackstageApi.group(new BackstageRoutes(backstage)),
                UiRoutes.group(),
                writesNeedAToken(app.tokens()),
                new IncidentRoutes(app.incidents()).group(),
                new ReadinessRoutes(app.readiness()).group(),
                new AlignmentRoutes(app.alignment(), Clock.systemUTC()).group(),
                new RunbookRoutes(app.live(), app.search(), app.runbookMaxAgeDays()).group(),
                new ChatRoutes(app).group(),
                new WebhookRoutes(app.webhooks(), app.requestCheck()).group());
        return Javalin.create(config -> {
            configureServer(config);
            config.requestLogger.http((ctx, millis) -> countRequest(app.ops().metrics(), ctx, millis));
            config.routes.apiBuilder(() -> groups.forEach(EndpointGroup::addEndpoints));
            ErrorResponses.register(config.routes);
        });
    }

    private static void configureServer(JavalinConfig config) {
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
    }

    /** Labels each request by its route pattern, not its path, so the metric's series stay few. */
    private static void countRequest(Metrics metrics, Context ctx, Float millis) {
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        String route = endpoint == null ? (ctx.status().getCode() == 404 ? "unmatched" : "static") : endpoint.path;
        metrics.request(ctx.method().name(), route, ctx.status().getCode(), (long) (millis.doubleValue() * 1_000_000));
    }

    /** Backstage's view of the catalog: its API, and the shape of an entity on Steward's entity page. */
    private static BackstageCatalog backstageCatalog(AppContext app) {
        return new BackstageCatalog(app.live(), () -> SourceLinks.forRepository(
                app.commits() == null ? null : app.commits().repository().location()));
    }

    private static EndpointGroup writesNeedAToken(ApiTokens tokens) {
        return () -> before("/api/*", ctx -> authorize(ctx, tokens));
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
}

package dev.steward.http;

import dev.steward.webhooks.WebhookRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;
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

    public static Javalin create(AppContext app) {
        CatalogRoutes catalog = new CatalogRoutes(app.live());
        WhoRoutes who = new WhoRoutes(app.live());
        StatusRoutes status = new StatusRoutes(app);
        PlanRoutes plans = new PlanRoutes(app);
        WebhookRoutes webhooks = new WebhookRoutes(app.webhooks(), app.requestCheck());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 26L * 1024 * 1024; // GitHub sends push payloads of up to 25 MB
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.staticFiles.add("/steward/web", Location.CLASSPATH);
            config.routes.get("/healthz", status::healthz);
            config.routes.get("/readyz", status::readyz);
            config.routes.get("/api/status", status::status);
            config.routes.get("/api/loads", status::loads);
            config.routes.get("/api/who", who::who);
            config.routes.get("/api/groups/{name}/duties", who::duties);
            config.routes.get("/api/entities", catalog::list);
            config.routes.get("/api/entities/{kind}/{namespace}/{name}", catalog::get);
            config.routes.get("/api/entities/{kind}/{namespace}/{name}/history", ctx -> catalog.history(ctx, app.commits()));
            config.routes.get("/api/plan", plans::plan);
            config.routes.post("/webhooks/github", webhooks::github);
            config.routes.post("/webhooks/gitlab", webhooks::gitlab);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                boolean alreadyJson = type != null && type.startsWith("application/json");
                if (ctx.path().startsWith("/api/") && !alreadyJson) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
        });
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("status", status, "error", reason(status), "message", message));
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}

package dev.steward.http;

import dev.steward.backstage.BackstageError;
import dev.steward.backstage.BackstageRoutes;
import dev.steward.rca.Conflict;
import dev.steward.rca.IncidentService;
import dev.steward.rca.InvalidInput;
import dev.steward.readiness.NotEligible;
import dev.steward.resolve.NotFoundException;
import dev.steward.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How failures answer: every error is JSON {@code {status, error, message}} (Backstage's API answers
 * in Backstage's own shape), whichever route it came from.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(BackstageError.class, BackstageRoutes::error);
        routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        routes.exception(InvalidInput.class, (e, ctx) -> {
            error(ctx, 400, e.getMessage());
            ctx.json(Map.of("status", 400, "error", "Bad Request", "message", e.getMessage(), "field", e.field()));
        });
        routes.exception(Conflict.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        routes.exception(NotEligible.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
        routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        routes.exception(IncidentService.NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        routes.exception(Exception.class, ErrorResponses::unexpected);
        routes.error(404, ErrorResponses::noSuchEndpoint);
    }

    private static void unexpected(Exception e, Context ctx) {
        if (Database.isUnavailable(e)) {
            // Not written, so not acknowledged: the client may retry once the store is back.
            LOG.warn("store unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "5");
            error(ctx, 503, "the store is unavailable; nothing was written, retry shortly");
            return;
        }
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
    }

    /** An API path no route matched; a handler's own 404 (already JSON) is left as it is. */
    private static void noSuchEndpoint(Context ctx) {
        String type = ctx.res().getContentType();
        boolean alreadyJson = type != null && type.startsWith("application/json");
        if (ctx.path().startsWith(BackstageRoutes.PREFIX + "/") && !alreadyJson) {
            BackstageRoutes.error(new BackstageError(404, "NotFoundError", "No such endpoint: "
                    + ctx.method() + " " + ctx.path()), ctx);
        } else if (ctx.path().startsWith("/api/") && !alreadyJson) {
            error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
        }
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

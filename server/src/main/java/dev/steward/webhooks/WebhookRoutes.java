package dev.steward.webhooks;

import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /webhooks/github} and {@code POST /webhooks/gitlab}: a verified push asks for an
 * immediate fetch and reload (bursts collapse into one); anything unverified gets 401.
 */
public final class WebhookRoutes {
    private final WebhookSettings settings;
    private final Runnable requestCheck;

    public WebhookRoutes(WebhookSettings settings, Runnable requestCheck) {
        this.settings = settings;
        this.requestCheck = requestCheck;
    }

    public EndpointGroup group() {
        return () -> path("/webhooks", () -> {
            post("github", this::github);
            post("gitlab", this::gitlab);
        });
    }

    public void github(Context ctx) {
        if (settings.githubSecret() == null || settings.githubSecret().isEmpty()) {
            refuse(ctx, 403, "the GitHub webhook is off: set STEWARD_GITHUB_WEBHOOK_SECRET");
            return;
        }
        String signature = ctx.header("X-Hub-Signature-256");
        if (signature == null) {
            refuse(ctx, 401, "X-Hub-Signature-256 is missing");
            return;
        }
        if (!Hmac.verify(settings.githubSecret(), ctx.bodyAsBytes(), "sha256=", signature)) {
            refuse(ctx, 401, "X-Hub-Signature-256 does not match the body");
            return;
        }
        String event = ctx.header("X-GitHub-Event");
        accept(ctx, event == null ? "push" : event, "push".equals(event) || event == null);
    }

    public void gitlab(Context ctx) {
        if (settings.gitlabToken() == null || settings.gitlabToken().isEmpty()) {
            refuse(ctx, 403, "the GitLab webhook is off: set STEWARD_GITLAB_WEBHOOK_TOKEN");
            return;
        }
        if (!Hmac.constantTimeEquals(settings.gitlabToken(), ctx.header("X-Gitlab-Token"))) {
            refuse(ctx, 401, "X-Gitlab-Token is missing or wrong");
            return;
        }
        String event = ctx.header("X-Gitlab-Event");
        accept(ctx, event == null ? "Push Hook" : event, event == null || event.equals("Push Hook")
                || event.equals("Tag Push Hook"));
    }

    private void accept(Context ctx, String event, boolean push) {
        if (push) requestCheck.run();
        ctx.status(202).json(Map.of("event", event, "reload", push));
    }

    private static void refuse(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("status", status, "error", status == 401 ? "Unauthorized" : "Forbidden",
                "message", message));
    }
}

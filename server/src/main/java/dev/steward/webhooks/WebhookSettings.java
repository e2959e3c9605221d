package dev.steward.webhooks;

/**
 * The shared secrets of the webhooks: GitHub's HMAC secret ({@code STEWARD_GITHUB_WEBHOOK_SECRET})
 * and GitLab's token ({@code STEWARD_GITLAB_WEBHOOK_TOKEN}). A webhook whose secret is unset is off.
 */
public record WebhookSettings(String githubSecret, String gitlabToken) {
    public static final WebhookSettings NONE = new WebhookSettings(null, null);

    public static WebhookSettings fromEnvironment() {
        return new WebhookSettings(System.getenv("STEWARD_GITHUB_WEBHOOK_SECRET"),
                System.getenv("STEWARD_GITLAB_WEBHOOK_TOKEN"));
    }
}

package dev.steward.http;

import dev.steward.catalog.LiveCatalog;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.LoadAttempt;
import dev.steward.webhooks.WebhookSettings;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the HTTP layer needs from the rest of the application. Tests build one from a catalog
 * loaded in memory; {@code serve} builds one around Git and SQLite.
 */
public record AppContext(LiveCatalog live, Supplier<List<LoadAttempt>> recentLoads, CommitCatalogs commits,
                         WebhookSettings webhooks, Runnable requestCheck) {
    /** A context with only a catalog: no Git behind it, so no plans, history or webhooks. */
    public static AppContext of(LiveCatalog live) {
        return new AppContext(live, List::of, null, WebhookSettings.NONE, () -> { });
    }
}

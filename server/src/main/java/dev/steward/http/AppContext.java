package dev.steward.http;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.ManifestLoader;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.LoadAttempt;
import dev.steward.rca.IncidentService;
import dev.steward.search.Search;
import dev.steward.webhooks.WebhookSettings;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the HTTP layer needs from the rest of the application. Tests build one from a catalog and
 * add only the parts they exercise; {@code serve} builds one around Git and SQLite.
 */
public record AppContext(LiveCatalog live, Supplier<List<LoadAttempt>> recentLoads, CommitCatalogs commits,
                         WebhookSettings webhooks, Runnable requestCheck, IncidentService incidents,
                         ApiTokens tokens, Search search, int runbookMaxAgeDays) {

    /** A context with only a catalog: no Git, store or tokens behind it. */
    public static AppContext of(LiveCatalog live) {
        return new AppContext(live, List::of, null, WebhookSettings.NONE, () -> { }, null, ApiTokens.NONE,
                new Search(live), ManifestLoader.DEFAULT_RUNBOOK_MAX_AGE_DAYS);
    }

    public AppContext withCommits(CommitCatalogs value) {
        return new AppContext(live, recentLoads, value, webhooks, requestCheck, incidents, tokens, search,
                runbookMaxAgeDays);
    }

    public AppContext withWebhooks(WebhookSettings value, Runnable check) {
        return new AppContext(live, recentLoads, commits, value, check, incidents, tokens, search, runbookMaxAgeDays);
    }

    public AppContext withIncidents(IncidentService value, ApiTokens writers) {
        return new AppContext(live, recentLoads, commits, webhooks, requestCheck, value, writers, search,
                runbookMaxAgeDays);
    }

    public AppContext withRunbookMaxAge(int days) {
        return new AppContext(live, recentLoads, commits, webhooks, requestCheck, incidents, tokens, search, days);
    }

    public AppContext withLoads(Supplier<List<LoadAttempt>> value) {
        return new AppContext(live, value, commits, webhooks, requestCheck, incidents, tokens, search,
                runbookMaxAgeDays);
    }
}

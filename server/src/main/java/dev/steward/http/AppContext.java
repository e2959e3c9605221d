package dev.steward.http;

import dev.steward.catalog.LiveCatalog;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.LoadAttempt;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the HTTP layer needs from the rest of the application. Tests build one from a catalog
 * loaded in memory; {@code serve} builds one around Git and SQLite.
 */
public record AppContext(LiveCatalog live, Supplier<List<LoadAttempt>> recentLoads, CommitCatalogs commits) {
    /** A context with only a catalog: no Git behind it, so no plans or history. */
    public static AppContext of(LiveCatalog live) {
        return new AppContext(live, List::of, null);
    }
}

package dev.steward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.plugins.PluginHost;
import dev.steward.webhooks.WebhookSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppContextTest {
    private final LiveCatalog live = new LiveCatalog(Catalog.empty(null, List.of()), SyncStatus.starting("t", "main", 0));

    @Test
    void aContextWithOnlyACatalogHasNoStoreGitOrTokensBehindIt() {
        AppContext app = AppContext.of(live);
        assertNull(app.commits());
        assertNull(app.incidents());
        assertNull(app.alignment());
        assertNull(app.readiness().service());
        assertSame(ApiTokens.NONE, app.tokens());
        assertSame(WebhookSettings.NONE, app.webhooks());
        assertSame(PluginHost.NONE, app.plugins());
        assertSame(AppContext.Chat.DEFAULT, app.chat());
        assertEquals(ManifestLoader.DEFAULT_RUNBOOK_MAX_AGE_DAYS, app.runbookMaxAgeDays());
        assertNotNull(app.search());
        assertNotNull(app.ops());
    }

    @Test
    void aContextRebuiltFromAnotherKeepsEveryPartItDoesNotSet() {
        ApiTokens tokens = ApiTokens.of("ops", "ops-token-0123456789");
        AppContext first = AppContext.builder(live).tokens(tokens).runbookMaxAgeDays(7).build();
        AppContext second = first.toBuilder().runbookMaxAgeDays(30).build();
        assertEquals(30, second.runbookMaxAgeDays());
        assertEquals(second, second.toBuilder().build(), "rebuilt unchanged, it is the same context");
        assertSame(first.search(), second.search());
        assertSame(first.ops(), second.ops());
        assertSame(first.readiness(), second.readiness());
        assertSame(first.requestCheck(), second.requestCheck());
        assertSame(tokens, second.tokens());
    }
}

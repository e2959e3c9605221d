package dev.steward.http;

import dev.steward.alignment.store.AlignmentService;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.chatops.SlackDirectory;
import dev.steward.git.CommitCatalogs;
import dev.steward.ops.Health;
import dev.steward.ops.Metrics;
import dev.steward.plugins.PluginHost;
import dev.steward.rca.IncidentService;
import dev.steward.readiness.Evidence;
import dev.steward.readiness.LiveReadiness;
import dev.steward.readiness.Voids;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.search.Search;
import dev.steward.webhooks.WebhookSettings;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the HTTP layer needs from the rest of the application. Tests build one from a catalog and
 * add only the parts they exercise; {@code serve} builds one around Git and SQLite.
 */
public record AppContext(LiveCatalog live, Supplier<List<LoadAttempt>> recentLoads, CommitCatalogs commits,
                         WebhookSettings webhooks, Runnable requestCheck, IncidentService incidents,
                         ApiTokens tokens, Search search, int runbookMaxAgeDays, Chat chat, PluginHost plugins,
                         Ops ops, Readiness readiness, AlignmentService alignment) {

    /** Metrics and health; {@code replica} names this process in /api/status. */
    public record Ops(Metrics metrics, Health health, String replica) {
        public static Ops of(LiveCatalog live) {
            return new Ops(new Metrics(live, null, Clock.systemUTC()),
                    new Health(live, null), replicaName());
        }

        /** The host name and process id: unique among replicas, readable in a status page. */
        public static String replicaName() {
            String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
            return host + "/" + ProcessHandle.current().pid();
        }
    }

    /**
     * Readiness: the served index (catalog, evidence, time) for reads, and the store's service for
     * attestations and waivers (null where no store is behind the server: reads show every
     * attestation as pending).
     */
    public record Readiness(LiveReadiness live, ReadinessService service) {
        public static Readiness of(LiveCatalog live) {
            return new Readiness(new LiveReadiness(live::current,
                    () -> Evidence.NONE, Voids.BY_VALUE,
                    Clock.systemUTC()), null);
        }

        public static Readiness of(ReadinessService service) {
            return new Readiness(service.live(), service);
        }
    }

    /** Chat-ops settings: links in answers point at {@code publicUrl}; Slack requests are signed. */
    public record Chat(String publicUrl, String slackSigningSecret, Clock clock,
                       SlackDirectory slackDirectory) {
        public Chat(String publicUrl, String slackSigningSecret, Clock clock) {
            this(publicUrl, slackSigningSecret, clock, SlackDirectory.NONE);
        }

        public static final Chat DEFAULT = new Chat("http://localhost:7070", null, Clock.systemUTC());
    }

    /** A context with only a catalog: no Git, store or tokens behind it. */
    public static AppContext of(LiveCatalog live) {
        return new AppContext(live, List::of, null, WebhookSettings.NONE, () -> { }, null, ApiTokens.NONE,
                new Search(live), ManifestLoader.DEFAULT_RUNBOOK_MAX_AGE_DAYS, Chat.DEFAULT, PluginHost.NONE, Ops.of(live),
                Readiness.of(live), null);
    }

    public AppContext withCommits(CommitCatalogs value) {
        return new AppContext(live, recentLoads, value, webhooks, requestCheck, incidents, tokens, search,
                runbookMaxAgeDays, chat, plugins, ops, readiness, alignment);
    }

    public AppContext withWebhooks(WebhookSettings value, Runnable check) {
        return new AppContext(live, recentLoads, commits, value, check, incidents, tokens, search, runbookMaxAgeDays, chat, plugins, ops, readiness, alignment);
    }

    public AppContext withIncidents(IncidentService value, ApiTokens writers) {
        return new AppContext(live, recentLoads, commits, webhooks, requestCheck, value, writers, search,
                runbookMaxAgeDays, chat, plugins, ops, readiness, alignment);
    }

    public AppContext withRunbookMaxAge(int days) {
        return new AppContext(live, recentLoads, commits, webhooks, requestCheck, incidents, tokens, search, days, chat, plugins, ops, readiness, alignment);
    }

    public AppContext withChat(Chat value) {
        return new AppContext(live, recentLoads, commits, webhooks, requestCheck, incidents, tokens, search,
                runbookMaxAgeDays, value, plugins, ops, readiness, alignment);
    }

    public AppContext withLoads(Supplier<List<LoadAttempt>> value) {
        return new AppContext(live, value, commits, webhooks, requestCheck, incidents, tokens, search,
                runbookMaxAgeDays, chat, plugins, ops, readiness, alignment);
    }

    public AppContext withPlugins(PluginHost value) {
        return new AppContext(live, recentLoads, commits, webhooks, requestCheck, incidents, tokens, search,
                runbookMaxAgeDays, chat, value, ops, readiness, alignment);
    }

    public AppContext withReadiness(Readiness value) {
        return new AppContext(live, recentLoads, commits, webhooks, requestCheck, incidents, tokens, search,
                runbookMaxAgeDays, chat, plugins, ops, value, alignment);
    }

    public AppContext withAlignment(AlignmentService value) {
        return new AppContext(live, recentLoads, commits, webhooks, requestCheck, incidents, tokens, search,
                runbookMaxAgeDays, chat, plugins, ops, readiness, value);
    }

    public AppContext withOps(Ops value) {
        return new AppContext(live, recentLoads, commits, webhooks, requestCheck, incidents, tokens, search,
                runbookMaxAgeDays, chat, plugins, value, readiness, alignment);
    }
}

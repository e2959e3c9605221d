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
 * set only the parts they exercise ({@link #builder}); {@code serve} builds one around Git and SQLite.
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
        return builder(live).build();
    }

    /** A context around {@code live}; every part not set is absent, as in {@link #of}. */
    public static Builder builder(LiveCatalog live) {
        return new Builder(live);
    }

    /** A builder holding this context's parts, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets the parts of an {@link AppContext}; the ones never set keep the defaults of {@link #of}. */
    public static final class Builder {
        private final LiveCatalog live;
        private Supplier<List<LoadAttempt>> recentLoads = List::of;
        private CommitCatalogs commits;
        private WebhookSettings webhooks = WebhookSettings.NONE;
        private Runnable requestCheck = () -> { };
        private IncidentService incidents;
        private ApiTokens tokens = ApiTokens.NONE;
        private Search search;
        private int runbookMaxAgeDays = ManifestLoader.DEFAULT_RUNBOOK_MAX_AGE_DAYS;
        private Chat chat = Chat.DEFAULT;
        private PluginHost plugins = PluginHost.NONE;
        private Ops ops;
        private Readiness readiness;
        private AlignmentService alignment;

        private Builder(LiveCatalog live) {
            this.live = live;
        }

        private Builder(AppContext c) {
            this(c.live);
            recentLoads(c.recentLoads).commits(c.commits).webhooks(c.webhooks, c.requestCheck).incidents(c.incidents)
                    .tokens(c.tokens).search(c.search).runbookMaxAgeDays(c.runbookMaxAgeDays).chat(c.chat)
                    .plugins(c.plugins).ops(c.ops).readiness(c.readiness).alignment(c.alignment);
        }

        public Builder recentLoads(Supplier<List<LoadAttempt>> value) {
            recentLoads = value;
            return this;
        }

        public Builder commits(CommitCatalogs value) {
            commits = value;
            return this;
        }

        /** Push webhooks: {@code settings} verify them, {@code requestCheck} asks for a fetch and reload. */
        public Builder webhooks(WebhookSettings settings, Runnable check) {
            webhooks = settings;
            requestCheck = check;
            return this;
        }

        public Builder incidents(IncidentService value) {
            incidents = value;
            return this;
        }

        /** Who may write through the API; without tokens every write answers 401. */
        public Builder tokens(ApiTokens value) {
            tokens = value;
            return this;
        }

        public Builder search(Search value) {
            search = value;
            return this;
        }

        public Builder runbookMaxAgeDays(int days) {
            runbookMaxAgeDays = days;
            return this;
        }

        public Builder chat(Chat value) {
            chat = value;
            return this;
        }

        public Builder plugins(PluginHost value) {
            plugins = value;
            return this;
        }

        public Builder ops(Ops value) {
            ops = value;
            return this;
        }

        public Builder readiness(Readiness value) {
            readiness = value;
            return this;
        }

        public Builder alignment(AlignmentService value) {
            alignment = value;
            return this;
        }

        public AppContext build() {
            // Built here, not up front, so a context rebuilt from another keeps its parts and makes none anew.
            return new AppContext(live, recentLoads, commits, webhooks, requestCheck, incidents, tokens,
                    search == null ? new Search(live) : search, runbookMaxAgeDays, chat, plugins,
                    ops == null ? Ops.of(live) : ops, readiness == null ? Readiness.of(live) : readiness, alignment);
        }
    }
}

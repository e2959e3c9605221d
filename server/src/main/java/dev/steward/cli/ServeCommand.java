package dev.steward.cli;

import dev.steward.alignment.sources.Sources;
import dev.steward.alignment.store.AlignmentService;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.chatops.SlackDirectory;
import dev.steward.git.AttestationVoids;
import dev.steward.git.CatalogRepository;
import dev.steward.git.CatalogSync;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.SyncSettings;
import dev.steward.http.ApiTokens;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.ops.Health;
import dev.steward.ops.Lifecycle;
import dev.steward.ops.Logs;
import dev.steward.ops.Metrics;
import dev.steward.plugins.PluginEvents;
import dev.steward.plugins.PluginHost;
import dev.steward.rca.ActionSla;
import dev.steward.rca.IncidentService;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.store.Database;
import dev.steward.store.LoadLog;
import dev.steward.store.SentNotifications;
import dev.steward.webhooks.WebhookSettings;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code steward serve}: the HTTP server over the catalog in Git, with SQLite for what it stores. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the catalog of a Git repository over HTTP (API and web UI).",
                "Reloads when the ref moves; a commit that does not validate never replaces the last good one."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Mixin
    SourceOptions source;

    @Option(names = "--port", defaultValue = "7070", paramLabel = "PORT", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--db", defaultValue = ".steward/steward.db", paramLabel = "FILE|URL",
            description = "Where incidents, actions and the audit trail live: a SQLite file, or jdbc:postgresql://host/db?user=…&password=… "
                    + "for replicas (env STEWARD_DB_URL; default: ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--tokens-file", paramLabel = "FILE",
            description = "API tokens that may write, a 'name token' pair per line (besides STEWARD_API_TOKENS).")
    Path tokensFile;

    @Option(names = "--action-sla", defaultValue = "P1=7d,P2=30d,P3=90d,P4=180d", paramLabel = "SLA",
            description = "Default time to the due date of an action item by priority (default: ${DEFAULT-VALUE}).")
    String actionSla;

    @Option(names = "--runbook-max-age", defaultValue = "180", paramLabel = "DAYS",
            description = "Days after its 'reviewed' date that a runbook is reported stale (default: ${DEFAULT-VALUE}).")
    int runbookMaxAge;

    @Option(names = "--public-url", defaultValue = "http://localhost:7070", paramLabel = "URL",
            description = "Where people reach this server; chat answers link there (default: ${DEFAULT-VALUE}).")
    String publicUrl;

    @Option(names = "--poll", defaultValue = "30s", paramLabel = "DURATION",
            description = "How often to fetch and check the ref, e.g. 30s, 5m; 0 turns polling off (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--log-format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (lines for people) or json (one JSON object per line) (default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Override
    public Integer call() throws Exception {
        if (source.dir != null) {
            throw new IllegalArgumentException("--dir is for check: serve follows a Git repository (--repo), "
                    + "so that it can reload and plan from commits");
        }
        Logs.configure(logFormat);
        Duration interval = Durations.parse(poll);
        Lifecycle parts = new Lifecycle();
        try {
            return serve(parts, interval);
        } catch (Exception | Error e) {
            parts.close();
            throw e;
        }
    }

    /** Starts the parts in order, each recorded in {@code parts} so that shutdown stops them in reverse. */
    private Integer serve(Lifecycle parts, Duration interval) throws Exception {
        Database database = parts.started("store", Database.open(db));
        LoadLog loadLog = database.loadLog();
        CatalogRepository repository = parts.started("repository", source.openRepository());
        LiveCatalog live = LiveCatalog.empty(SyncStatus.starting(repository.location(), source.ref, interval.toSeconds()));
        SyncSettings settings = new SyncSettings(source.ref, source.catalogPath, source.runbooksPath, interval,
                source.limits().maxFileBytes(), 50);
        PluginHost plugins = parts.started("plugins", source.plugins());
        ManifestLoader loader = source.loader(runbookMaxAge);
        IncidentService incidents = new IncidentService(database, live, Clock.systemUTC(), ActionSla.parse(actionSla));
        // Readiness of a new snapshot is evaluated in the background, one snapshot at a time.
        ExecutorService warmer = Executors.newSingleThreadExecutor(r -> daemon(r, "steward-readiness-warm"));
        parts.onStop("readiness warmer", warmer::shutdownNow);
        var platform = main.platform();
        var alignment = parts.started("alignment", new AlignmentService(database, live,
                platform, Sources.connect(platform, main.environment), Clock.systemUTC()));
        var readiness = new ReadinessService(database, live, Clock.systemUTC(),
                new AttestationVoids(repository, source.catalogPath), alignment::state);
        Metrics metrics = new Metrics(live, incidents, Clock.systemUTC());
        CatalogSync sync = new CatalogSync(repository, settings, loader, live,
                loaded(metrics, loadLog, plugins, () -> readiness.live().warm(warmer)), Clock.systemUTC());
        CommitCatalogs commits = new CommitCatalogs(repository, settings, loader, live);
        AppContext context = AppContext.builder(live)
                .recentLoads(() -> loadLog.recent(50))
                .commits(commits)
                .webhooks(WebhookSettings.fromEnvironment(), sync::requestCheck)
                .incidents(incidents)
                .tokens(ApiTokens.load(System.getenv("STEWARD_API_TOKENS"), tokensFile))
                .runbookMaxAgeDays(runbookMaxAge)
                .chat(chat())
                .plugins(plugins)
                .readiness(AppContext.Readiness.of(readiness))
                .alignment(alignment)
                .ops(new AppContext.Ops(metrics, new Health(live, database,
                        () -> alignment.state().unavailable()), AppContext.Ops.replicaName()))
                .build();
        SentNotifications sent = new SentNotifications(database, Clock.systemUTC());
        parts.started("overdue notices", PluginEvents.watchOverdue(plugins, incidents, sent));
        parts.started("readiness notices", PluginEvents.watchReadiness(plugins, readiness.live(), sent));
        parts.started("evidence refresh", readiness.refreshEvery(Duration.ofSeconds(5)));
        Javalin app = StewardApp.create(context).start(port);
        // Graceful: Jetty stops accepting and waits for the requests in flight, before the store goes.
        parts.onStop("http", app::stop);
        CountDownLatch stopped = stopOnSignal(parts);
        sync.loadInitial();
        parts.started("catalog sync", sync);
        sync.start();
        alignment.onScan((before, after, took) -> {
            metrics.aligned(after, took);
            PluginEvents.aligned(plugins, before, after);
        });
        alignment.start();
        System.out.printf("steward: serving %s (%s) on http://localhost:%d%n", repository.location(),
                live.current().commit(), app.port());
        stopped.await();
        return Main.OK;
    }

    /** What follows each load attempt: metrics, the load log, plugins' events, and readiness warmed for a new snapshot. */
    private static Consumer<LoadAttempt> loaded(Metrics metrics, LoadLog loadLog, PluginHost plugins, Runnable warm) {
        return attempt -> {
            metrics.reload(attempt);
            try {
                loadLog.record(attempt);
            } catch (RuntimeException e) {
                // The load log is a convenience; a store that is down must not stop reloads.
                LoggerFactory.getLogger(ServeCommand.class).warn("could not record load attempt: {}", e.getMessage());
            }
            PluginEvents.loaded(plugins, attempt);
            if (attempt.outcome() == LoadAttempt.Outcome.SERVED) warm.run();
        };
    }

    private AppContext.Chat chat() {
        return new AppContext.Chat(publicUrl, System.getenv("STEWARD_SLACK_SIGNING_SECRET"), Clock.systemUTC(),
                SlackDirectory.usersInfo(System.getenv("STEWARD_SLACK_BOT_TOKEN")));
    }

    /** A latch counted down once SIGTERM (or the end of the JVM) has stopped every part, in reverse order. */
    private static CountDownLatch stopOnSignal(Lifecycle parts) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(ServeCommand.class).info("stopping: finishing requests in flight");
            parts.close();
            stopped.countDown();
        }, "steward-shutdown"));
        return stopped;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}

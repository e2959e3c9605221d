package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.ops.Health;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Health, readiness and the state of the catalog: which commit is served and what is wrong. */
final class StatusRoutes {
    private final AppContext app;

    StatusRoutes(AppContext app) {
        this.app = app;
    }

    /** Probes for the orchestrator, the served catalog's state, and the Prometheus scrape. */
    EndpointGroup group() {
        return () -> {
            get("/healthz", this::healthz);
            get("/readyz", this::readyz);
            get("/metrics", this::metrics);
            get("/api/status", this::status);
            get("/api/loads", this::loads);
        };
    }

    void status(Context ctx) {
        LiveCatalog.State state = app.live().state();
        Catalog served = state.served();
        Catalog rejected = state.rejected();
        Catalog reported = rejected != null ? rejected : served;
        ctx.json(new Views.StatusView(served.commit(), served.commit() == null ? null : served.loadedAt(),
                served.size(), Views.ProblemView.of(reported.errors()), Views.ProblemView.of(reported.warnings()),
                rejected == null ? null : rejected.commit(), state.sync(), Views.PluginsView.of(app.plugins()),
                app.ops().replica(), app.ops().health().report()));
    }

    void loads(Context ctx) {
        ctx.json(app.recentLoads().get().stream().map(Views.LoadView::of).toList());
    }

    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(app.ops().metrics().scrape());
    }

    void healthz(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    /**
     * 503 until a valid commit is served; then 200, with {@code degraded} and the reasons while a
     * dependency fails: a degraded replica still answers reads correctly, so it stays in service.
     */
    void readyz(Context ctx) {
        LiveCatalog.State state = app.live().state();
        Health.Report health = app.ops().health().report();
        if (!health.ready()) {
            ctx.status(503).json(Map.of("ready", false, "degraded", health.degraded(), "reasons", health.reasons(),
                    "failing", health.failing(), "reason", "no valid catalog loaded yet",
                    "errors", Views.ProblemView.of(state.rejected() == null ? List.of() : state.rejected().errors())));
        } else {
            ctx.json(Map.of("ready", true, "degraded", health.degraded(), "reasons", health.reasons(),
                    "failing", health.failing(), "commit", health.commit(), "replica", app.ops().replica()));
        }
    }
}

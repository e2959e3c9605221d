package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.steward.catalog.model.EntityRef;
import dev.steward.git.PlanCommits;
import dev.steward.plan.Approvals;
import dev.steward.plan.PlanService;
import dev.steward.readiness.ReadinessGate;
import dev.steward.resolve.Blocker;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** {@code GET /api/plan}: the same plan as {@code steward plan --format json}. */
final class PlanRoutes {
    private final AppContext app;
    /** Null when the server has no Git repository behind it. */
    private final PlanService plans;

    PlanRoutes(AppContext app) {
        this.app = app;
        this.plans = app.commits() == null ? null
                : new PlanService(new PlanCommits(app.commits()), app.plugins()::changeClassifiers);
    }

    EndpointGroup group() {
        return () -> get("/api/plan", this::plan);
    }

    void plan(Context ctx) throws IOException {
        if (plans == null) throw new ApiError(404, "plans need the Git repository; this server has none");
        String base = ctx.queryParam("base");
        if (base == null || base.isBlank()) throw ApiError.badRequest("query parameter 'base' is required");
        String head = ctx.queryParam("head");
        if (head == null || head.isBlank()) head = app.live().current().commit();
        if (head == null) throw ApiError.badRequest("query parameter 'head' is required until a commit is served");
        var approvals = parseApprovals(ctx.queryParam("approvedBy"));
        PlanService.Revisions revisions;
        try {
            revisions = plans.load(base, head);
        } catch (PlanService.UnknownRef e) {
            throw ApiError.notFound(e.getMessage());
        }
        Function<EntityRef, List<Blocker>> blockers =
                app.incidents() == null ? ref -> List.of() : app.incidents()::blockers;
        var readiness = app.readiness();
        var gate = new ReadinessGate(readiness.service() == null ? null : readiness.service()::evidence,
                readiness.live().voids(), readiness.live().clock());
        ctx.json(plans.plan(revisions, approvals, blockers, gate));
    }

    private static Set<EntityRef> parseApprovals(String text) {
        try {
            return Approvals.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("approvedBy: " + e.getMessage());
        }
    }
}

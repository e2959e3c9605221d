package dev.steward.http;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.EntityRef;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.EntityHistory;
import dev.steward.plan.Approvals;
import dev.steward.plan.Planner;
import dev.steward.readiness.ReadinessGate;
import dev.steward.resolve.Blocker;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;

/** {@code GET /api/plan}: the same plan as {@code steward plan --format json}. */
final class PlanRoutes {
    private final AppContext app;

    PlanRoutes(AppContext app) {
        this.app = app;
    }

    void plan(Context ctx) throws IOException {
        CommitCatalogs commits = app.commits();
        if (commits == null) throw new ApiError(404, "plans need the Git repository; this server has none");
        String base = ctx.queryParam("base");
        if (base == null || base.isBlank()) throw ApiError.badRequest("query parameter 'base' is required");
        String head = ctx.queryParam("head");
        if (head == null || head.isBlank()) head = app.live().current().commit();
        if (head == null) throw ApiError.badRequest("query parameter 'head' is required until a commit is served");
        var approvals = parseApprovals(ctx.queryParam("approvedBy"));
        ObjectId baseId = resolve(commits, base);
        ObjectId headId = resolve(commits, head);
        Catalog baseCatalog = commits.at(baseId, null);
        Catalog headCatalog = commits.at(headId, baseCatalog);
        Function<EntityRef, List<Blocker>> blockers =
                app.incidents() == null ? ref -> List.of() : app.incidents()::blockers;
        var readiness = app.readiness();
        var gate = new ReadinessGate(readiness.service() == null ? null : readiness.service()::evidence,
                readiness.live().voids(), readiness.live().clock());
        ctx.json(Planner.plan(baseCatalog, headCatalog, approvals, blockers, app.plugins().changeClassifiers(
                EntityHistory.earlierDocuments(commits.repository(), baseId, baseCatalog.catalogRoot())),
                gate));
    }

    private static Set<EntityRef> parseApprovals(String text) {
        try {
            return Approvals.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("approvedBy: " + e.getMessage());
        }
    }

    private static ObjectId resolve(CommitCatalogs commits, String ref) {
        try {
            return commits.resolve(ref);
        } catch (IOException e) {
            throw ApiError.notFound(e.getMessage());
        }
    }
}

package dev.steward.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.EntityRef;
import dev.steward.readiness.ReadinessGate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the CLI's and the API's plans share: how the two commits are found and compared. */
class PlanServiceTest {
    /** A repository of two branches, each an empty catalog, that notes which catalogs were built. */
    private static final class TwoBranches implements PlanService.Commits {
        final Map<String, String> refs = Map.of("main", "a".repeat(40), "feature", "b".repeat(40));
        final List<String> built = new ArrayList<>();
        final List<String> historyFrom = new ArrayList<>();

        @Override
        public String resolve(String ref) throws IOException {
            String commit = refs.get(ref);
            if (commit == null) throw new IOException("no such ref: " + ref);
            return commit;
        }

        @Override
        public Catalog catalogAt(String commit, Catalog from) {
            built.add(commit + (from == null ? "" : " from " + from.commit()));
            return Catalog.empty(commit, List.of());
        }

        @Override
        public Function<EntityRef, List<Map<String, Object>>> earlierDocuments(String commit, String catalogRoot) {
            historyFrom.add(commit);
            return ref -> List.of();
        }
    }

    @Test
    void aRefThatNamesNoCommitFailsWithTheRepositorysMessageBeforeAnyCatalogIsBuilt() {
        TwoBranches repo = new TwoBranches();
        PlanService plans = new PlanService(repo, history -> ChangeClassifiers.NONE);
        var e = assertThrows(PlanService.UnknownRef.class, () -> plans.load("main", "nope"));
        assertEquals("no such ref: nope", e.getMessage());
        assertEquals(List.of(), repo.built);
    }

    @Test
    void theHeadIsBuiltFromTheBaseAndClassifiersReadHistoryFromTheBase() throws IOException {
        TwoBranches repo = new TwoBranches();
        PlanService plans = new PlanService(repo, history -> ChangeClassifiers.NONE);
        PlanService.Revisions revisions = plans.load("main", "feature");
        assertEquals(List.of("a".repeat(40), "b".repeat(40) + " from " + "a".repeat(40)), repo.built);
        assertEquals("a".repeat(40), revisions.baseCommit());
        Plan plan = plans.plan(revisions, Set.of(), ref -> List.of(), ReadinessGate.OFFLINE);
        assertEquals(List.of("a".repeat(40)), repo.historyFrom);
        assertTrue(plan.satisfied() && plan.changes().isEmpty(), plan.toString());
    }
}

package dev.steward.plan;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.EntityRef;
import dev.steward.readiness.ReadinessGate;
import dev.steward.resolve.Blocker;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans between two commits: what {@code steward plan} prints and {@code GET /api/plan} answers, built
 * in one place so the two cannot drift apart. The repository comes in through {@link Commits} and the
 * plugins through {@link Classifiers}, so this package stays free of Git and of plugin loading.
 */
public final class PlanService {
    /** The catalog's repository as plans read it; commits are named by their full ids. */
    public interface Commits {
        /** The commit that {@code ref} (a branch, tag or commit id) names. */
        String resolve(String ref) throws IOException;

        /** The catalog at {@code commit}, built from {@code from} when given (a diff away). */
        Catalog catalogAt(String commit, Catalog from) throws IOException;

        /** Any entity's earlier documents, newest first, walking first parents back from {@code commit}. */
        Function<EntityRef, List<Map<String, Object>>> earlierDocuments(String commit, String catalogRoot);
    }

    /** The classifiers that refine a plan's changes, given the entities' history: the plugins'. */
    @FunctionalInterface
    public interface Classifiers {
        ChangeClassifiers given(Function<EntityRef, List<Map<String, Object>>> earlierDocuments);
    }

    /** A ref that names no commit; the message is the repository's own. */
    public static final class UnknownRef extends IOException {
        private static final long serialVersionUID = 1L;

        UnknownRef(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The two catalogs a plan compares; the base's rules and group membership govern the head. */
    public record Revisions(String baseCommit, Catalog base, Catalog head) {
    }

    private final Commits commits;
    private final Classifiers classifiers;

    public PlanService(Commits commits, Classifiers classifiers) {
        this.commits = commits;
        this.classifiers = classifiers;
    }

    /**
     * The catalogs at {@code baseRef} and {@code headRef}; both refs are resolved before either catalog
     * is built, so a bad ref fails fast with {@link UnknownRef}.
     */
    public Revisions load(String baseRef, String headRef) throws IOException {
        String base = resolve(baseRef);
        String head = resolve(headRef);
        Catalog baseCatalog = commits.catalogAt(base, null);
        return new Revisions(base, baseCatalog, commits.catalogAt(head, baseCatalog));
    }

    /**
     * The plan of {@code revisions} approved by {@code approvedBy}; {@code blockers} finds an entity's
     * overdue incident follow-ups and {@code gate} its readiness, both from whatever store the caller has.
     */
    public Plan plan(Revisions revisions, Set<EntityRef> approvedBy, Function<EntityRef, List<Blocker>> blockers,
                     ReadinessGate gate) {
        ChangeClassifiers refine = classifiers.given(
                commits.earlierDocuments(revisions.baseCommit(), revisions.base().catalogRoot()));
        return Planner.plan(revisions.base(), revisions.head(), approvedBy, blockers, refine, gate);
    }

    private String resolve(String ref) throws UnknownRef {
        try {
            return commits.resolve(ref);
        } catch (IOException e) {
            throw new UnknownRef(e);
        }
    }
}

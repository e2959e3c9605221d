package dev.steward.git;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.EntityRef;
import dev.steward.plan.PlanService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;

/** The commits of a Git repository, as {@link PlanService} reads them. */
public final class PlanCommits implements PlanService.Commits {
    private final CommitCatalogs catalogs;

    public PlanCommits(CommitCatalogs catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public String resolve(String ref) throws IOException {
        return catalogs.resolve(ref).name();
    }

    @Override
    public Catalog catalogAt(String commit, Catalog from) throws IOException {
        return catalogs.at(ObjectId.fromString(commit), from);
    }

    @Override
    public Function<EntityRef, List<Map<String, Object>>> earlierDocuments(String commit, String catalogRoot) {
        return EntityHistory.earlierDocuments(catalogs.repository(), ObjectId.fromString(commit), catalogRoot);
    }
}

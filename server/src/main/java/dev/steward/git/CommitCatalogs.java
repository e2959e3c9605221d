package dev.steward.git;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.load.ManifestLoader;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Catalogs at arbitrary commits, for plans: each is built incrementally from the nearest one at
 * hand (the served snapshot, or one built before) and the few most recent are kept.
 */
public final class CommitCatalogs {
    private static final int KEEP = 8;

    private final CatalogRepository repository;
    private final SyncSettings settings;
    private final ManifestLoader loader;
    private final LiveCatalog live;
    private final Cache<String, Catalog> recent = Caffeine.newBuilder().maximumSize(KEEP).build();

    public CommitCatalogs(CatalogRepository repository, SyncSettings settings, ManifestLoader loader,
                          LiveCatalog live) {
        this.repository = repository;
        this.settings = settings;
        this.loader = loader;
        this.live = live;
    }

    public CatalogRepository repository() {
        return repository;
    }

    /** The commit a ref names, fetching first when the repository is remote and the ref is unknown. */
    public ObjectId resolve(String ref) throws IOException {
        try {
            return repository.resolve(ref);
        } catch (IOException unknown) {
            repository.fetch();
            return repository.resolve(ref);
        }
    }

    /** The catalog at {@code commit}, built from {@code from} when given (a diff away), else from what is at hand. */
    public synchronized Catalog at(ObjectId commit, Catalog from) throws IOException {
        Catalog cached = recent.getIfPresent(commit.name());
        if (cached != null) return cached;
        Catalog served = live == null ? null : live.current();
        Catalog base = from != null ? from : served != null && served.commit() != null ? served : null;
        Catalog catalog = GitReadException.unwrapping(() -> base == null || base.commit() == null
                || base.commit().equals("worktree")
                ? loader.load(repository.read(commit, settings.catalogPath(), settings.runbooksPath(),
                        settings.maxFileBytes()))
                : base.commit().equals(commit.name()) ? base
                : loader.apply(base, repository.diff(ObjectId.fromString(base.commit()), commit, settings.catalogPath(),
                        settings.runbooksPath(), settings.maxFileBytes())));
        recent.put(commit.name(), catalog);
        return catalog;
    }
}

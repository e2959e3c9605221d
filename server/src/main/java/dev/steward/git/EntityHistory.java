package dev.steward.git;

import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The commits that changed one entity, newest first, with who made each and who owned the entity
 * after it: ownership history straight from Git. Walks first-parent history from a commit, reading
 * only the manifests each commit changed that mention the entity's name; a commit that only moved
 * the entity between files is not a change.
 */
public final class EntityHistory {
    /** One commit that changed the entity. {@code change} is added, modified or removed. */
    public record Change(String commit, String author, String email, Instant date, String message, String change,
                         EntityRef owner, EntityRef previousOwner) {
    }

    private EntityHistory() {
    }

    public static List<Change> of(CatalogRepository repository, ObjectId from, String catalogPath, EntityRef ref,
                                  int limit, int maxCommits) throws IOException {
        String root = CatalogRepository.cleanRoot(catalogPath);
        List<Change> out = new ArrayList<>();
        try (SwappableRepository.Lease lease = repository.lease(); RevWalk walk = new RevWalk(lease.repository());
             ObjectReader reader = lease.repository().newObjectReader()) {
            var repo = lease.repository();
            RevCommit commit = walk.parseCommit(from);
            for (int seen = 0; commit != null && seen < maxCommits && out.size() < limit; seen++) {
                RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                Change change = changeIn(repo, reader, commit, parent, root, ref);
                if (change != null) out.add(change);
                commit = parent;
            }
        }
        return out;
    }

    /**
     * The entity's earlier documents, newest first: its version before each commit that changed it,
     * walking first parents back from {@code from}. What transitive schema checks compare against.
     */
    public static List<Map<String, Object>> earlierDocuments(CatalogRepository repository, ObjectId from,
                                                             String catalogPath, EntityRef ref, int maxVersions,
                                                             int maxCommits) throws IOException {
        String root = CatalogRepository.cleanRoot(catalogPath);
        List<Map<String, Object>> out = new ArrayList<>();
        try (SwappableRepository.Lease lease = repository.lease(); RevWalk walk = new RevWalk(lease.repository());
             ObjectReader reader = lease.repository().newObjectReader()) {
            var repo = lease.repository();
            RevCommit commit = walk.parseCommit(from);
            for (int seen = 0; commit != null && seen < maxCommits && out.size() < maxVersions; seen++) {
                RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                Entity[] pair = pairIn(repo, reader, commit, parent, root, ref);
                if (pair != null && pair[0] != null) out.add(pair[0].document());
                commit = parent;
            }
        }
        return out;
    }

    /**
     * Earlier documents of any entity, from {@code from} back (up to 100 versions within 10,000
     * commits): what plugins' change classifiers are given as history.
     */
    public static Function<EntityRef, List<Map<String, Object>>> earlierDocuments(
            CatalogRepository repository, ObjectId from, String catalogPath) {
        return ref -> {
            try {
                return earlierDocuments(repository, from, catalogPath, ref, 100, 10_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * The oldest commit after {@code since} (walking first parents back from {@code from}) in which one
     * of {@code paths} of the entity changed value, with that path: {@code [commit, path]}; an empty
     * array when none did; null when {@code since} is not among the first {@code maxCommits} ancestors.
     */
    public static String[] firstChangeAfter(CatalogRepository repository, ObjectId from, ObjectId since,
                                            String catalogPath, EntityRef ref, List<String> paths, int maxCommits)
            throws IOException {
        String root = CatalogRepository.cleanRoot(catalogPath);
        String[] oldest = new String[0];
        try (SwappableRepository.Lease lease = repository.lease(); RevWalk walk = new RevWalk(lease.repository());
             ObjectReader reader = lease.repository().newObjectReader()) {
            var repo = lease.repository();
            RevCommit commit = walk.parseCommit(from);
            for (int seen = 0; commit != null && seen < maxCommits; seen++) {
                if (commit.getId().equals(since)) return oldest;
                RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                Entity[] pair = pairIn(repo, reader, commit, parent, root, ref);
                if (pair != null) {
                    for (String path : paths) {
                        Object before = pair[0] == null ? null : Values.at(pair[0].document(), path);
                        Object after = pair[1] == null ? null : Values.at(pair[1].document(), path);
                        if (!Objects.equals(before, after)) {
                            oldest = new String[] {commit.name(), path};
                            break;
                        }
                    }
                }
                commit = parent;
            }
        }
        return null;
    }

    private static Change changeIn(Repository repo, ObjectReader reader, RevCommit commit,
                                   RevCommit parent, String root, EntityRef ref) throws IOException {
        Entity[] pair = pairIn(repo, reader, commit, parent, root, ref);
        if (pair == null) return null;
        Entity before = pair[0];
        Entity after = pair[1];
        String kind = before == null ? "added" : after == null ? "removed" : "modified";
        var author = commit.getAuthorIdent();
        return new Change(commit.name(), author.getName(), author.getEmailAddress(), author.getWhenAsInstant(),
                commit.getShortMessage(), kind, after == null ? null : after.owner(),
                before == null ? null : before.owner());
    }

    /** The entity before and after {@code commit}, or null when the commit did not change it. */
    private static Entity[] pairIn(Repository repo, ObjectReader reader, RevCommit commit,
                                   RevCommit parent, String root, EntityRef ref) throws IOException {
        Entity before = null;
        Entity after = null;
        try (TreeWalk tree = new TreeWalk(repo, reader)) {
            if (parent == null) tree.addTree(new EmptyTreeIterator());
            else tree.addTree(parent.getTree());
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            TreeFilter diff = TreeFilter.ANY_DIFF;
            tree.setFilter(root.isEmpty() ? diff
                    : AndTreeFilter.create(PathFilter.create(root), diff));
            for (DiffEntry entry : DiffEntry.scan(tree)) {
                String oldPath = entry.getOldPath();
                String newPath = entry.getNewPath();
                if (entry.getChangeType() != DiffEntry.ChangeType.ADD && isManifest(oldPath)) {
                    before = first(before, find(reader, entry.getOldId().toObjectId(), oldPath, ref));
                }
                if (entry.getChangeType() != DiffEntry.ChangeType.DELETE && isManifest(newPath)) {
                    after = first(after, find(reader, entry.getNewId().toObjectId(), newPath, ref));
                }
            }
        }
        if (before == null && after == null) return null;
        if (before != null && after != null && before.document().equals(after.document())) return null;
        return new Entity[] {before, after};
    }

    private static boolean isManifest(String path) {
        return path.endsWith(".yaml") || path.endsWith(".yml");
    }

    private static Entity first(Entity current, Entity found) {
        return current != null ? current : found;
    }

    private static Entity find(ObjectReader reader, ObjectId blob, String path, EntityRef ref) throws IOException {
        if (ObjectId.zeroId().equals(blob)) return null;
        byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getBytes();
        if (!new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(ref.name())) return null;
        for (Entity e : ManifestLoader.entitiesIn(path, bytes)) {
            if (e.ref().equals(ref)) return e;
        }
        return null;
    }
}

package dev.steward.git;

import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.RepoFiles;
import dev.steward.catalog.model.SourceDelta;
import dev.steward.catalog.model.SourceFile;
import dev.steward.catalog.model.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Reads files of a commit from Git objects, each read holding the repository open through a lease.
 * A file that is not in the commit is null (or -1); a file that is there but cannot be read is a
 * {@link GitReadException} naming the commit and path, never taken for a missing file.
 */
final class CommitReader {
    private final SwappableRepository repository;

    CommitReader(SwappableRepository repository) {
        this.repository = repository;
    }

    /** The bytes of one file at a commit, or null when it is not there. */
    byte[] readFile(ObjectId commit, String path) throws IOException {
        try (SwappableRepository.Lease lease = repository.lease(); RevWalk walk = new RevWalk(lease.repository());
             TreeWalk tree = TreeWalk.forPath(lease.repository(), path, walk.parseCommit(commit).getTree())) {
            if (tree == null) return null;
            return tree.getObjectReader().open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes();
        } catch (GitReadException e) {
            throw e;
        } catch (IOException e) {
            throw new GitReadException(commit, path, e);
        }
    }

    /** Every manifest under {@code catalogPath} and runbook under {@code runbooksPath} at {@code commit}. */
    SourceDelta read(ObjectId commit, String catalogPath, String runbooksPath, long maxFileBytes) throws IOException {
        Layout layout = new Layout(catalogPath, runbooksPath);
        List<SourceFile> manifests = new ArrayList<>();
        Map<String, byte[]> runbooks = new LinkedHashMap<>();
        try (SwappableRepository.Lease lease = repository.lease(); RevWalk walk = new RevWalk(lease.repository());
             TreeWalk tree = new TreeWalk(lease.repository())) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            layout.filter(tree);
            ObjectReader reader = tree.getObjectReader();
            while (tree.next()) {
                collect(layout, commit, tree.getPathString(), tree.getFileMode(0), tree.getObjectId(0), reader,
                        maxFileBytes, manifests, runbooks);
            }
        } catch (GitReadException e) {
            throw e;
        } catch (IOException e) {
            throw new GitReadException(commit, layout.walked(), e); // a tree, not a file, failed
        }
        manifests.sort(Comparator.comparing(SourceFile::path));
        return SourceDelta.full(commit.name(), layout.catalogRoot, layout.runbooksRoot, manifests, runbooks,
                files(commit));
    }

    /** What changed under the catalog and runbooks paths from {@code from} to {@code to}, by a tree diff. */
    SourceDelta diff(ObjectId from, ObjectId to, String catalogPath, String runbooksPath, long maxFileBytes)
            throws IOException {
        Layout layout = new Layout(catalogPath, runbooksPath);
        List<SourceFile> manifests = new ArrayList<>();
        Map<String, byte[]> runbooks = new LinkedHashMap<>();
        Set<String> deletedManifests = new LinkedHashSet<>();
        Set<String> deletedRunbooks = new LinkedHashSet<>();
        try (SwappableRepository.Lease lease = repository.lease(); RevWalk walk = new RevWalk(lease.repository());
             TreeWalk tree = new TreeWalk(lease.repository())) {
            tree.addTree(walk.parseCommit(from).getTree());
            tree.addTree(walk.parseCommit(to).getTree());
            tree.setRecursive(true);
            layout.filter(tree);
            tree.setFilter(tree.getFilter() == TreeFilter.ALL ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(tree.getFilter(), TreeFilter.ANY_DIFF));
            ObjectReader reader = tree.getObjectReader();
            while (tree.next()) {
                String path = tree.getPathString();
                FileMode mode = tree.getFileMode(1);
                if (mode == FileMode.MISSING || mode == FileMode.TREE) {
                    if (layout.isManifest(path)) deletedManifests.add(path);
                    if (layout.isRunbook(path)) deletedRunbooks.add(layout.runbookKey(path));
                    continue;
                }
                collect(layout, to, path, mode, tree.getObjectId(1), reader, maxFileBytes, manifests, runbooks);
            }
        } catch (GitReadException e) {
            throw e;
        } catch (IOException e) {
            throw new GitReadException(to, layout.walked(), e);
        }
        return new SourceDelta(to.name(), layout.catalogRoot, layout.runbooksRoot, false, manifests, deletedManifests,
                runbooks, deletedRunbooks, files(to));
    }

    private static void collect(Layout layout, ObjectId commit, String path, FileMode mode, ObjectId blob,
                                ObjectReader reader, long maxFileBytes, List<SourceFile> manifests,
                                Map<String, byte[]> runbooks) throws GitReadException {
        boolean manifest = layout.isManifest(path);
        boolean runbook = layout.isRunbook(path);
        if (!manifest && !runbook) return;
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
            if (manifest) {
                manifests.add(SourceFile.unreadable(path, blob.name(), Problem.warning(new SourceLocation(path, 1),
                        "skipped: not a regular file (symlink or submodule)")));
            }
            return;
        }
        try {
            long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
            if (size > maxFileBytes) {
                if (manifest) {
                    manifests.add(SourceFile.unreadable(path, blob.name(),
                            Problem.error(path, 1, SafeYamlReader.tooLarge(size, maxFileBytes))));
                }
                return;
            }
            byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getBytes();
            if (manifest) manifests.add(SourceFile.of(path, blob.name(), bytes));
            if (runbook) runbooks.put(layout.runbookKey(path), bytes);
        } catch (IOException e) {
            throw new GitReadException(commit, path, e);
        }
    }

    /**
     * Every file of the repository at {@code commit}, read on demand. Safe to use from several
     * threads. A file that is there but cannot be read throws an {@link UncheckedIOException} around a
     * {@link GitReadException}: its callers take no checked exceptions.
     */
    RepoFiles files(ObjectId commit) throws IOException {
        ObjectId tree;
        try (SwappableRepository.Lease lease = repository.lease(); RevWalk walk = new RevWalk(lease.repository())) {
            tree = walk.parseCommit(commit).getTree().getId();
        } catch (IOException e) {
            throw new GitReadException(commit, "the tree", e);
        }
        return new RepoFiles() {
            @Override
            public long size(String path) {
                try (SwappableRepository.Lease lease = repository.lease()) {
                    ObjectId blob = blob(lease.repository(), path);
                    if (blob == null) return -1;
                    try (ObjectReader reader = lease.repository().newObjectReader()) {
                        return reader.getObjectSize(blob, Constants.OBJ_BLOB);
                    }
                } catch (IOException e) {
                    throw fault(path, e);
                }
            }

            @Override
            public byte[] read(String path) {
                try (SwappableRepository.Lease lease = repository.lease()) {
                    ObjectId blob = blob(lease.repository(), path);
                    if (blob == null) return null;
                    try (ObjectReader reader = lease.repository().newObjectReader()) {
                        return reader.open(blob, Constants.OBJ_BLOB).getBytes();
                    }
                } catch (IOException e) {
                    throw fault(path, e);
                }
            }

            @Override
            public String id(String path) {
                try (SwappableRepository.Lease lease = repository.lease()) {
                    ObjectId blob = blob(lease.repository(), path);
                    return blob == null ? null : blob.name();
                } catch (IOException e) {
                    throw fault(path, e);
                }
            }

            /** The blob of a regular file at {@code path}, or null when there is none (a symlink counts as none). */
            private ObjectId blob(Repository repo, String path) throws IOException {
                if (path == null || path.isEmpty()) return null;
                try (TreeWalk walk = TreeWalk.forPath(repo, path, tree)) {
                    if (walk == null) return null;
                    FileMode mode = walk.getFileMode(0);
                    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE ? walk.getObjectId(0) : null;
                }
            }

            private UncheckedIOException fault(String path, IOException e) {
                return new UncheckedIOException(new GitReadException(commit, path, e));
            }
        };
    }

    /** Which paths are manifests and which are runbooks. */
    private static final class Layout {
        final String catalogRoot;
        final String runbooksRoot;

        Layout(String catalogPath, String runbooksPath) {
            this.catalogRoot = CatalogRepository.cleanRoot(catalogPath);
            this.runbooksRoot = CatalogRepository.cleanRoot(runbooksPath);
        }

        void filter(TreeWalk tree) {
            if (!catalogRoot.isEmpty() && !runbooksRoot.isEmpty()) {
                tree.setFilter(PathFilterGroup.createFromStrings(List.of(catalogRoot, runbooksRoot)));
            }
        }

        /** What a tree walk covers, for naming it when one of its trees cannot be read. */
        String walked() {
            return catalogRoot.isEmpty() || runbooksRoot.isEmpty() ? "the tree" : catalogRoot + " and " + runbooksRoot;
        }

        boolean isManifest(String path) {
            return under(path, catalogRoot) && (path.endsWith(".yaml") || path.endsWith(".yml"));
        }

        boolean isRunbook(String path) {
            return under(path, runbooksRoot) && path.endsWith(".md");
        }

        String runbookKey(String path) {
            return runbooksRoot.isEmpty() ? path : path.substring(runbooksRoot.length() + 1);
        }

        private static boolean under(String path, String root) {
            return root.isEmpty() || path.startsWith(root + "/");
        }
    }
}

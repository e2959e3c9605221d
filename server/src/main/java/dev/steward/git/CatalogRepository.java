package dev.steward.git;

import dev.steward.catalog.Problem;
import dev.steward.catalog.RepoFiles;
import dev.steward.catalog.SourceFile;
import dev.steward.catalog.SourceDelta;
import dev.steward.catalog.SourceLocation;
import dev.steward.catalog.yaml.SafeYamlReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The Git repository a catalog lives in: a local repository (working or bare) opened in place, or a
 * URL cloned bare into a cache folder and fetched on demand. Files are always read from Git objects
 * at a commit, never from a working tree, so uncommitted edits never count.
 */
public final class CatalogRepository implements AutoCloseable {
    private volatile Repository repository;
    private final String location;
    private final boolean remote;
    /** For a clone: where it lives, so a broken cache can be cloned anew in its place. */
    private final Path cloneDir;

    private CatalogRepository(Repository repository, String location, boolean remote) {
        this(repository, location, remote, null);
    }

    private CatalogRepository(Repository repository, String location, boolean remote, Path cloneDir) {
        this.repository = repository;
        this.location = location;
        this.remote = remote;
        this.cloneDir = cloneDir;
    }

    /** Opens {@code pathOrUrl}: a URL is cloned (or reused) under {@code cacheDir}. */
    public static CatalogRepository open(String pathOrUrl, Path cacheDir) throws IOException {
        if (isUrl(pathOrUrl)) return openRemote(pathOrUrl, cacheDir);
        File dir = Path.of(pathOrUrl).toAbsolutePath().normalize().toFile();
        if (!dir.exists()) throw new IOException("repository " + dir + " does not exist");
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir);
        if (builder.getGitDir() == null) {
            if (new File(dir, "HEAD").isFile() && new File(dir, "objects").isDirectory()) {
                builder = new FileRepositoryBuilder().setGitDir(dir); // a bare repository
            } else {
                throw new IOException(dir + " is not inside a Git repository");
            }
        }
        Repository repository = builder.setMustExist(true).build();
        return new CatalogRepository(repository, dir.toString(), false);
    }

    /** True when {@code pathOrUrl} would be cloned into the cache rather than opened in place. */
    public static boolean isUrl(String pathOrUrl) {
        return pathOrUrl.contains("://") || pathOrUrl.matches("^[\\w.-]+@[\\w.-]+:.*");
    }

    private static CatalogRepository openRemote(String url, Path cacheDir) throws IOException {
        Path dir = cacheDir.resolve(sha1(url).substring(0, 16) + ".git");
        if (Files.isDirectory(dir)) {
            try {
                Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
                if (repository.getObjectDatabase().exists() && repository.resolve(Constants.HEAD) != null) {
                    CatalogRepository opened = new CatalogRepository(repository, url, true, dir);
                    opened.fetch();
                    return opened;
                }
                repository.close();
            } catch (IOException | RuntimeException e) {
                // An unreadable cache is rebuilt below: the remote is the source of truth.
            }
            deleteRecursively(dir);
        }
        Files.createDirectories(cacheDir);
        try (Git git = Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setBare(true).call()) {
            return new CatalogRepository(git.getRepository(), url, true, dir).retain();
        } catch (GitAPIException e) {
            deleteRecursively(dir);
            throw new IOException("cannot clone " + url + ": " + e.getMessage(), e);
        }
    }

    private CatalogRepository retain() {
        repository.incrementOpen(); // Git.close() would otherwise close the repository we keep
        return this;
    }

    public boolean isRemote() {
        return remote;
    }

    public String location() {
        return location;
    }

    public Repository repository() {
        return repository;
    }

    /** Fetches every branch and tag from origin; a local repository has nothing to fetch. */
    public void fetch() throws IOException {
        if (!remote) return;
        try (Git git = new Git(repository)) {
            git.fetch().setRemote("origin").setRemoveDeletedRefs(true)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .call();
        } catch (GitAPIException e) {
            throw new IOException("cannot fetch " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * For a clone whose cache is damaged (objects missing or corrupt, so {@code ref} cannot be read
     * through to its tree), clones the remote anew beside it and swaps it in. The old cache goes only
     * once the new clone is complete, so an unreachable remote never costs the cache. Returns true
     * when it repaired something.
     */
    public synchronized boolean repairIfBroken(String ref) {
        if (!remote || cloneDir == null || readable(ref)) return false;
        Path fresh = cloneDir.resolveSibling(cloneDir.getFileName() + ".fresh");
        try {
            deleteRecursively(fresh);
            try (Git git = Git.cloneRepository().setURI(location).setDirectory(fresh.toFile()).setBare(true).call()) {
                // complete: swap it in below
            }
            Repository broken = repository;
            Path old = cloneDir.resolveSibling(cloneDir.getFileName() + ".broken");
            deleteRecursively(old);
            Files.move(cloneDir, old);
            Files.move(fresh, cloneDir);
            repository = new FileRepositoryBuilder().setGitDir(cloneDir.toFile()).setMustExist(true).build();
            broken.close();
            deleteRecursively(old);
            return true;
        } catch (IOException | GitAPIException | RuntimeException e) {
            try {
                deleteRecursively(fresh);
            } catch (IOException ignored) {
                // the next repair tries again
            }
            return false;
        }
    }

    /** True for a clone whose cache cannot read {@code ref} through to its tree (a local repository is never "broken": it is the source). */
    public boolean isBroken(String ref) {
        return remote && cloneDir != null && !readable(ref);
    }

    /** True when {@code ref} resolves and its commit's whole tree can be read. */
    private boolean readable(String ref) {
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            ObjectId id = repository.resolve(ref + "^{commit}");
            if (id == null) return false;
            tree.addTree(walk.parseCommit(id).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                // reading every tree object is the check
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The commit {@code ref} names (a branch, tag, {@code HEAD} or a commit id). */
    public ObjectId resolve(String ref) throws IOException {
        ObjectId id = repository.resolve(ref + "^{commit}");
        if (id == null) throw new IOException("ref '" + ref + "' does not name a commit in " + location);
        return id;
    }

    /** The bytes of one file at a commit, or null when it is not there. */
    public byte[] readFile(ObjectId commit, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repository);
             TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(commit).getTree())) {
            if (tree == null) return null;
            return tree.getObjectReader().open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes();
        }
    }

    /** Parents of a commit along first-parent history, newest first, at most {@code max}. */
    public List<ObjectId> firstParentHistory(ObjectId start, int max) throws IOException {
        List<ObjectId> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(start);
            while (commit.getParentCount() > 0 && out.size() < max) {
                commit = walk.parseCommit(commit.getParent(0));
                out.add(commit.getId());
            }
        }
        return out;
    }

    /**
     * Reads every {@code *.yaml}/{@code *.yml} under {@code catalogPath} and every {@code *.md} under
     * {@code runbooksPath} at {@code commit}. A file over {@code maxFileBytes} is reported, not read.
     */
    public SourceDelta read(ObjectId commit, String catalogPath, String runbooksPath, long maxFileBytes)
            throws IOException {
        Layout layout = new Layout(catalogPath, runbooksPath);
        List<SourceFile> manifests = new ArrayList<>();
        Map<String, byte[]> runbooks = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            layout.filter(tree);
            ObjectReader reader = tree.getObjectReader();
            while (tree.next()) {
                collect(layout, tree.getPathString(), tree.getFileMode(0), tree.getObjectId(0), reader, maxFileBytes,
                        manifests, runbooks);
            }
        }
        manifests.sort(Comparator.comparing(SourceFile::path));
        return SourceDelta.full(commit.name(), layout.catalogRoot, layout.runbooksRoot, manifests, runbooks,
                files(commit));
    }

    /** Every file of the repository at {@code commit}, read on demand. Safe to use from several threads. */
    public RepoFiles files(ObjectId commit) throws IOException {
        RevCommit parsed;
        try (RevWalk walk = new RevWalk(repository)) {
            parsed = walk.parseCommit(commit);
        }
        ObjectId tree = parsed.getTree().getId();
        return new RepoFiles() {
            @Override
            public long size(String path) {
                ObjectId blob = blob(path);
                if (blob == null) return -1;
                try (ObjectReader reader = repository.newObjectReader()) {
                    return reader.getObjectSize(blob, Constants.OBJ_BLOB);
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override
            public byte[] read(String path) {
                ObjectId blob = blob(path);
                if (blob == null) return null;
                try (ObjectReader reader = repository.newObjectReader()) {
                    return reader.open(blob, Constants.OBJ_BLOB).getBytes();
                } catch (IOException e) {
                    return null;
                }
            }

            @Override
            public String id(String path) {
                ObjectId blob = blob(path);
                return blob == null ? null : blob.name();
            }

            private ObjectId blob(String path) {
                if (path == null || path.isEmpty()) return null;
                try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
                    if (walk == null) return null;
                    FileMode mode = walk.getFileMode(0);
                    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE ? walk.getObjectId(0) : null;
                } catch (IOException e) {
                    return null;
                }
            }
        };
    }

    /**
     * What changed under the catalog and runbooks paths from {@code from} to {@code to}, by a tree
     * diff: only the files whose blob changed are read.
     */
    public SourceDelta diff(ObjectId from, ObjectId to, String catalogPath, String runbooksPath, long maxFileBytes)
            throws IOException {
        Layout layout = new Layout(catalogPath, runbooksPath);
        List<SourceFile> manifests = new ArrayList<>();
        Map<String, byte[]> runbooks = new LinkedHashMap<>();
        Set<String> deletedManifests = new LinkedHashSet<>();
        Set<String> deletedRunbooks = new LinkedHashSet<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
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
                collect(layout, path, mode, tree.getObjectId(1), reader, maxFileBytes, manifests, runbooks);
            }
        }
        return new SourceDelta(to.name(), layout.catalogRoot, layout.runbooksRoot, false, manifests, deletedManifests,
                runbooks, deletedRunbooks, files(to));
    }

    private static void collect(Layout layout, String path, FileMode mode, ObjectId blob, ObjectReader reader,
                                long maxFileBytes, List<SourceFile> manifests, Map<String, byte[]> runbooks)
            throws IOException {
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
    }

    /** Which paths are manifests and which are runbooks. */
    private static final class Layout {
        final String catalogRoot;
        final String runbooksRoot;

        Layout(String catalogPath, String runbooksPath) {
            this.catalogRoot = cleanRoot(catalogPath);
            this.runbooksRoot = cleanRoot(runbooksPath);
        }

        void filter(TreeWalk tree) {
            if (!catalogRoot.isEmpty() && !runbooksRoot.isEmpty()) {
                tree.setFilter(PathFilterGroup.createFromStrings(List.of(catalogRoot, runbooksRoot)));
            }
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
    }

    static String cleanRoot(String path) {
        if (path == null) return "";
        String p = path.trim().replace('\\', '/');
        while (p.startsWith("./")) p = p.substring(2);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.equals(".") ? "" : p;
    }

    private static boolean under(String path, String root) {
        return root.isEmpty() || path.startsWith(root + "/");
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}

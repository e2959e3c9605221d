package dev.steward.git;

import dev.steward.catalog.Problem;
import dev.steward.catalog.SourceFile;
import dev.steward.catalog.SourceTree;
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
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * The Git repository a catalog lives in: a local repository (working or bare) opened in place, or a
 * URL cloned bare into a cache folder and fetched on demand. Files are always read from Git objects
 * at a commit, never from a working tree, so uncommitted edits never count.
 */
public final class CatalogRepository implements AutoCloseable {
    private final Repository repository;
    private final String location;
    private final boolean remote;

    private CatalogRepository(Repository repository, String location, boolean remote) {
        this.repository = repository;
        this.location = location;
        this.remote = remote;
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

    static boolean isUrl(String s) {
        return s.contains("://") || s.matches("^[\\w.-]+@[\\w.-]+:.*");
    }

    private static CatalogRepository openRemote(String url, Path cacheDir) throws IOException {
        Path dir = cacheDir.resolve(sha1(url).substring(0, 16) + ".git");
        if (Files.isDirectory(dir)) {
            try {
                Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
                if (repository.getObjectDatabase().exists() && repository.resolve(Constants.HEAD) != null) {
                    CatalogRepository opened = new CatalogRepository(repository, url, true);
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
            return new CatalogRepository(git.getRepository(), url, true).retain();
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

    /** The commit {@code ref} names (a branch, tag, {@code HEAD} or a commit id). */
    public ObjectId resolve(String ref) throws IOException {
        ObjectId id = repository.resolve(ref + "^{commit}");
        if (id == null) throw new IOException("ref '" + ref + "' does not name a commit in " + location);
        return id;
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
    public SourceTree read(ObjectId commit, String catalogPath, String runbooksPath, long maxFileBytes)
            throws IOException {
        String catalogRoot = cleanRoot(catalogPath);
        String runbooksRoot = cleanRoot(runbooksPath);
        List<SourceFile> manifests = new ArrayList<>();
        Map<String, byte[]> runbooks = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        boolean sawCatalogRoot = catalogRoot.isEmpty();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit c = walk.parseCommit(commit);
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            List<String> roots = new ArrayList<>();
            if (!catalogRoot.isEmpty()) roots.add(catalogRoot);
            if (!runbooksRoot.isEmpty()) roots.add(runbooksRoot);
            if (!catalogRoot.isEmpty() && !runbooksRoot.isEmpty()) {
                tree.setFilter(PathFilterGroup.createFromStrings(roots));
            }
            ObjectReader reader = tree.getObjectReader();
            while (tree.next()) {
                String path = tree.getPathString();
                boolean manifest = under(path, catalogRoot) && (path.endsWith(".yaml") || path.endsWith(".yml"));
                boolean runbook = under(path, runbooksRoot) && path.endsWith(".md");
                if (under(path, catalogRoot)) sawCatalogRoot = true;
                if (!manifest && !runbook) continue;
                FileMode mode = tree.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    problems.add(Problem.warning(new dev.steward.catalog.SourceLocation(path, 1),
                            "skipped: not a regular file (symlink or submodule)"));
                    continue;
                }
                ObjectId blob = tree.getObjectId(0);
                long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
                if (size > maxFileBytes) {
                    problems.add(Problem.error(path, 1, SafeYamlReader.tooLarge(size, maxFileBytes)));
                    continue;
                }
                byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getBytes();
                if (manifest) manifests.add(new SourceFile(path, bytes));
                if (runbook) runbooks.put(relativeTo(path, runbooksRoot), bytes);
            }
        }
        if (!sawCatalogRoot) {
            problems.add(Problem.error(catalogRoot, 1, "catalog path '" + catalogRoot + "' does not exist at commit "
                    + commit.name()));
        }
        manifests.sort(Comparator.comparing(SourceFile::path));
        return new SourceTree(commit.name(), catalogRoot, runbooksRoot, manifests, runbooks, problems);
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

    private static String relativeTo(String path, String root) {
        return root.isEmpty() ? path : path.substring(root.length() + 1);
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

package dev.steward.git;

import dev.steward.catalog.model.RepoFiles;
import dev.steward.catalog.model.SourceDelta;
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
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Git repository a catalog lives in: a local repository (working or bare) opened in place, or a
 * URL cloned bare into a cache folder and fetched on demand. Files are always read from Git objects
 * at a commit, never from a working tree, so uncommitted edits never count.
 */
public final class CatalogRepository implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRepository.class);

    /** Swapped by a repair of the clone cache while reads go on: every read holds it through a lease. */
    private final SwappableRepository repository;
    private final CommitReader reader;
    private final String location;
    private final boolean remote;
    /** For a clone: where it lives, so a broken cache can be cloned anew in its place. */
    private final Path cloneDir;

    private CatalogRepository(Repository repository, String location, boolean remote) {
        this(repository, location, remote, null);
    }

    private CatalogRepository(Repository repository, String location, boolean remote, Path cloneDir) {
        this.repository = new SwappableRepository(repository);
        this.reader = new CommitReader(this.repository);
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
            git.getRepository().incrementOpen(); // Git.close() would otherwise close the repository we keep
            return new CatalogRepository(git.getRepository(), url, true, dir);
        } catch (GitAPIException e) {
            deleteRecursively(dir);
            throw new IOException("cannot clone " + url + ": " + e.getMessage(), e);
        }
    }

    public boolean isRemote() {
        return remote;
    }

    public String location() {
        return location;
    }

    /**
     * Holds the JGit repository open for a read of its own (a history walk, a look at its work tree)
     * until the lease is closed, even when a repair swaps in a new clone meanwhile.
     */
    public SwappableRepository.Lease lease() {
        return repository.lease();
    }

    /** Fetches every branch and tag from origin; a local repository has nothing to fetch. */
    public void fetch() throws IOException {
        if (!remote) return;
        try (SwappableRepository.Lease lease = repository.lease(); Git git = new Git(lease.repository())) {
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
     * once the new clone is complete, so an unreachable remote never costs the cache; the old JGit
     * repository is closed only once the reads still running on it are done. Returns true when it
     * repaired something.
     */
    public synchronized boolean repairIfBroken(String ref) {
        if (!remote || cloneDir == null) return false;
        Exception damage = readFault(ref);
        if (damage == null) return false;
        LOG.warn("the clone cache of {} cannot read {} through to its tree; cloning it anew", location, ref, damage);
        Path fresh = cloneDir.resolveSibling(cloneDir.getFileName() + ".fresh");
        Path old = cloneDir.resolveSibling(cloneDir.getFileName() + ".broken");
        try {
            deleteRecursively(fresh);
            try (Git git = Git.cloneRepository().setURI(location).setDirectory(fresh.toFile()).setBare(true).call()) {
                // complete: swap it in below
            }
            deleteRecursively(old);
            Files.move(cloneDir, old);
            Files.move(fresh, cloneDir);
            repository.replace(new FileRepositoryBuilder().setGitDir(cloneDir.toFile()).setMustExist(true).build());
        } catch (IOException | GitAPIException | RuntimeException e) {
            LOG.warn("cannot clone {} anew; the damaged cache stays in use", location, e);
            deleteQuietly(fresh);
            return false;
        }
        deleteQuietly(old);
        return true;
    }

    /** True for a clone whose cache cannot read {@code ref} through to its tree (a local repository is never "broken": it is the source). */
    public boolean isBroken(String ref) {
        return remote && cloneDir != null && readFault(ref) != null;
    }

    /** Why {@code ref} does not resolve or its commit's whole tree cannot be read; null when it can. */
    private Exception readFault(String ref) {
        try (SwappableRepository.Lease lease = repository.lease(); RevWalk walk = new RevWalk(lease.repository());
             TreeWalk tree = new TreeWalk(lease.repository())) {
            ObjectId id = lease.repository().resolve(ref + "^{commit}");
            if (id == null) return new IOException("ref '" + ref + "' does not name a commit");
            tree.addTree(walk.parseCommit(id).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                // reading every tree object is the check
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    /** The commit {@code ref} names (a branch, tag, {@code HEAD} or a commit id). */
    public ObjectId resolve(String ref) throws IOException {
        ObjectId id;
        try (SwappableRepository.Lease lease = repository.lease()) {
            id = lease.repository().resolve(ref + "^{commit}");
        }
        if (id == null) throw new IOException("ref '" + ref + "' does not name a commit in " + location);
        return id;
    }

    /** The bytes of one file at a commit, or null when it is not there; a file that cannot be read is a {@link GitReadException}. */
    public byte[] readFile(ObjectId commit, String path) throws IOException {
        return reader.readFile(commit, path);
    }

    /** Parents of a commit along first-parent history, newest first, at most {@code max}. */
    public List<ObjectId> firstParentHistory(ObjectId start, int max) throws IOException {
        List<ObjectId> out = new ArrayList<>();
        try (SwappableRepository.Lease lease = repository.lease(); RevWalk walk = new RevWalk(lease.repository())) {
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
     * {@code runbooksPath} at {@code commit}. A file over {@code maxFileBytes} is reported, not read;
     * a file that cannot be read fails the read with a {@link GitReadException}.
     */
    public SourceDelta read(ObjectId commit, String catalogPath, String runbooksPath, long maxFileBytes)
            throws IOException {
        return reader.read(commit, catalogPath, runbooksPath, maxFileBytes);
    }

    /**
     * Every file of the repository at {@code commit}, read on demand. Safe to use from several threads,
     * and across a repair of the clone cache.
     */
    public RepoFiles files(ObjectId commit) throws IOException {
        return reader.files(commit);
    }

    /**
     * What changed under the catalog and runbooks paths from {@code from} to {@code to}, by a tree
     * diff: only the files whose blob changed are read.
     */
    public SourceDelta diff(ObjectId from, ObjectId to, String catalogPath, String runbooksPath, long maxFileBytes)
            throws IOException {
        return reader.diff(from, to, catalogPath, runbooksPath, maxFileBytes);
    }

    static String cleanRoot(String path) {
        if (path == null) return "";
        String p = path.trim().replace('\\', '/');
        while (p.startsWith("./")) p = p.substring(2);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.equals(".") ? "" : p;
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

    /** Deletes what a repair left behind; one left over is removed by the next repair. */
    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("cannot delete {}; the next repair tries again", dir, e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}

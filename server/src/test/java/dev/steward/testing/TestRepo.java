package dev.steward.testing;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.load.yaml.YamlLimits;
import dev.steward.git.CatalogRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A real Git repository in a temporary folder, for tests: write files, commit them, load the
 * catalog at a commit exactly as the server does.
 */
public final class TestRepo implements AutoCloseable {
    private final Path root;
    private final Git git;
    private int commits;

    private TestRepo(Path root, Git git) {
        this.root = root;
        this.git = git;
    }

    public static TestRepo create(Path parent) {
        try {
            Path root = Files.createDirectories(parent.resolve("repo"));
            Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
            return new TestRepo(root, git);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Git git() {
        return git;
    }

    public TestRepo write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public TestRepo write(String path, byte[] content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a catalog manifest under {@code catalog-yaml/}. */
    public TestRepo manifest(String name, String yaml) {
        return write("catalog-yaml/" + name, yaml);
    }

    /** Writes a runbook under {@code runbooks/}. */
    public TestRepo runbook(String name, String markdown) {
        return write("runbooks/" + name, markdown);
    }

    public TestRepo delete(String path) {
        try {
            Files.deleteIfExists(root.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages everything (deletions too) and commits; returns the commit id. */
    public ObjectId commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent who = new PersonIdent("Test Author", "author@example.com",
                    java.time.Instant.parse("2026-11-01T10:00:00Z").plusSeconds(60L * commits++), java.time.ZoneOffset.UTC);
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true).call().getId();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates {@code name} at the current commit and checks it out. */
    public TestRepo branch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestRepo checkout(String name) {
        try {
            git.checkout().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public CatalogRepository open() {
        try {
            return CatalogRepository.open(root.toString(), root.resolve(".steward/repos"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the catalog at {@code ref} from Git objects, as the server does. */
    public Catalog load(String ref) {
        try (CatalogRepository repository = open()) {
            return new ManifestLoader().load(repository.read(repository.resolve(ref), "catalog-yaml", "runbooks",
                    YamlLimits.DEFAULT.maxFileBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Catalog load() {
        return load("HEAD");
    }

    /** Commits what was written and loads it. */
    public Catalog commitAndLoad() {
        commit("change " + (commits + 1));
        return load();
    }

    @Override
    public void close() {
        git.close();
    }
}

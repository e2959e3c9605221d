package dev.steward.git;

import static dev.steward.testing.Yaml.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.model.SourceDelta;
import dev.steward.catalog.model.SourceFile;
import dev.steward.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading catalogs from real repositories: local, bare, and cloned from a URL. */
class CatalogRepositoryTest {
    @TempDir
    Path tmp;

    @Test
    void readsOnlyManifestsAndRunbooksUnderTheirFoldersAtTheCommit() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            ObjectId commit = repo.manifest("a.yaml", group("a", "")).manifest("sub/b.yml", group("b", ""))
                    .manifest("notes.txt", "ignored").runbook("x/y.md", "# y").write("other/c.yaml", "ignored")
                    .commit("c");
            try (CatalogRepository r = repo.open()) {
                SourceDelta tree = r.read(commit, "catalog-yaml", "runbooks", 1 << 20);
                assertEquals(java.util.List.of("catalog-yaml/a.yaml", "catalog-yaml/sub/b.yml"),
                        tree.files().stream().map(SourceFile::path).toList());
                assertEquals(java.util.Set.of("x/y.md"), tree.runbooks().keySet());
                assertEquals(commit.name(), tree.revision());
            }
        }
    }

    @Test
    void aFileOverTheLimitIsReportedWithoutBeingRead() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            ObjectId commit = repo.manifest("big.yaml", "x: " + "y".repeat(5000)).commit("big");
            try (CatalogRepository r = repo.open()) {
                SourceDelta tree = r.read(commit, "catalog-yaml", "runbooks", 1000);
                SourceFile big = tree.files().get(0);
                assertEquals(null, big.content(), "never read");
                assertEquals("catalog-yaml/big.yaml", big.problem().path());
                assertTrue(big.problem().message().contains("5003 bytes, over the limit of 1000"));
            }
        }
    }

    @Test
    void aMissingCatalogFolderIsAnError() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.write("README.md", "hi").commit("no catalog");
            var catalog = repo.load();
            assertTrue(catalog.errors().get(0).message().contains("no manifests (*.yaml, *.yml) under 'catalog-yaml'"),
                    catalog.errors().toString());
        }
    }

    @Test
    void aDiffReadsOnlyWhatChangedBetweenTwoCommits() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            ObjectId first = repo.manifest("a.yaml", group("a", "")).manifest("b.yaml", group("b", ""))
                    .runbook("r1.md", "# 1").runbook("r2.md", "# 2").commit("first");
            ObjectId second = repo.manifest("a.yaml", group("a2", "")).delete("catalog-yaml/b.yaml")
                    .manifest("c.yaml", group("c", "")).runbook("r1.md", "# one").delete("runbooks/r2.md")
                    .write("elsewhere.yaml", "ignored").commit("second");
            try (CatalogRepository r = repo.open()) {
                SourceDelta delta = r.diff(first, second, "catalog-yaml", "runbooks", 1 << 20);
                assertEquals(java.util.List.of("catalog-yaml/a.yaml", "catalog-yaml/c.yaml"),
                        delta.files().stream().map(SourceFile::path).sorted().toList());
                assertEquals(java.util.Set.of("catalog-yaml/b.yaml"), delta.deletedFiles());
                assertEquals(java.util.Set.of("r1.md"), delta.runbooks().keySet());
                assertEquals(java.util.Set.of("r2.md"), delta.deletedRunbooks());
                assertEquals(second.name(), delta.revision());
                assertTrue(!delta.full());
            }
        }
    }

    @Test
    void aUrlIsClonedIntoTheCacheAndFetchedOnDemand() throws Exception {
        try (TestRepo upstream = TestRepo.create(tmp.resolve("upstream"))) {
            ObjectId first = upstream.manifest("a.yaml", group("a", "")).commit("first");
            String url = upstream.root().toUri().toString();
            Path cache = tmp.resolve("cache");
            try (CatalogRepository clone = CatalogRepository.open(url, cache)) {
                assertTrue(clone.isRemote());
                assertEquals(first, clone.resolve("main"));
                ObjectId second = upstream.manifest("b.yaml", group("b", "")).commit("second");
                assertEquals(first, clone.resolve("main"), "nothing changes before a fetch");
                clone.fetch();
                assertEquals(second, clone.resolve("main"));
            }
            // The cache is reused, and rebuilt when it is damaged.
            try (CatalogRepository again = CatalogRepository.open(url, cache)) {
                assertEquals(upstream.git().getRepository().resolve("main"), again.resolve("main"));
            }
            try (var dirs = Files.list(cache)) {
                Path clonedDir = dirs.findFirst().orElseThrow();
                Files.delete(clonedDir.resolve("HEAD"));
            }
            try (CatalogRepository rebuilt = CatalogRepository.open(url, cache)) {
                assertEquals(upstream.git().getRepository().resolve("main"), rebuilt.resolve("main"));
            }
        }
    }

    @Test
    void aBareRepositoryOpensInPlace() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            ObjectId commit = repo.manifest("a.yaml", group("a", "")).commit("c");
            Path bare = tmp.resolve("bare.git");
            Git.cloneRepository().setURI(repo.root().toUri().toString()).setDirectory(bare.toFile()).setBare(true)
                    .call().close();
            try (CatalogRepository r = CatalogRepository.open(bare.toString(), tmp.resolve("cache"))) {
                assertEquals(commit, r.resolve("main"));
                assertTrue(!r.isRemote());
            }
        }
    }

    @Test
    void unknownRefsAndMissingFoldersAreIoErrors() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("a.yaml", group("a", "")).commit("c");
            try (CatalogRepository r = repo.open()) {
                IOException e = assertThrows(IOException.class, () -> r.resolve("no-such-branch"));
                assertTrue(e.getMessage().contains("'no-such-branch' does not name a commit"));
            }
        }
        assertThrows(IOException.class, () -> CatalogRepository.open(tmp.resolve("nope").toString(), tmp));
        Path plain = Files.createDirectories(tmp.resolve("plain-folder"));
        IOException notGit = assertThrows(IOException.class,
                () -> CatalogRepository.open(plain.toString(), tmp.resolve("c")));
        assertTrue(notGit.getMessage().contains("is not inside a Git repository")
                || notGit.getMessage().contains("repository"), notGit.getMessage());
    }
}

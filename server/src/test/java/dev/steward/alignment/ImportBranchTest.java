package dev.steward.alignment;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward import --branch} against a real Iceberg JdbcCatalog over SQLite and a real Git
 * repository: the manifests are committed on a new branch on top of main while the working tree,
 * the index and HEAD stay as they were; a file imported before is replaced; an existing branch is
 * never moved; bad names, paths and repositories are refused before anything is written; nothing to
 * import makes no branch.
 */
class ImportBranchTest {
    private static final Schema ORDERS = new Schema(
            Types.NestedField.required(1, "order_id", Types.LongType.get()),
            Types.NestedField.required(2, "order_ts", Types.TimestampType.withZone()));
    private static final String MANIFESTS = group("lakehouse", "members: [dana]") + user("dana")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse\ntable: lake.orders_fact");

    @TempDir
    Path tmp;

    private Path config;
    private String warehouse;
    private Path root;
    private ObjectId main;

    /** Two live tables, one described by the catalog committed on main (plus {@code extra}). */
    private void setUp(String extra) throws Exception {
        String catalogUri = "jdbc:sqlite:" + tmp.resolve("catalog.db");
        warehouse = tmp.resolve("warehouse").toString();
        JdbcCatalog writer = dev.steward.testing.LocalIceberg.writer(catalogUri, warehouse);
        try {
            writer.createNamespace(Namespace.of("lake"));
            writer.buildTable(TableIdentifier.of("lake", "orders_fact"), ORDERS).create();
            writer.buildTable(TableIdentifier.of("lake", "scratch"), ORDERS).create();
        } finally {
            writer.close();
        }
        config = tmp.resolve("steward.yaml");
        Files.writeString(config, "platform:\n  timeout: 5s\n  sources:\n"
                + "    - {kind: iceberg-jdbc, uri: \"" + catalogUri + "\", warehouse: \"" + warehouse + "\"}\n");
        try (TestRepo repo = TestRepo.create(tmp)) {
            main = repo.manifest("all.yaml", MANIFESTS + extra).commit("main");
            root = repo.root();
            var settings = repo.git().getRepository().getConfig();
            settings.setString("user", null, "name", "Dana Importer");
            settings.setString("user", null, "email", "dana@example.com");
            settings.save();
        }
    }

    private Cli.Run importTo(String... more) {
        List<String> args = new ArrayList<>(List.of("import", "--config", config.toString(), "--repo=" + root,
                "--source", "iceberg-jdbc"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static List<String> branches(Repository git) throws Exception {
        return git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream().map(Ref::getName).toList();
    }

    /** What {@code git status} says, as comparable sets. */
    private static List<Object> status(Git git) throws Exception {
        Status s = git.status().call();
        return List.of(s.getAdded(), s.getChanged(), s.getRemoved(), s.getMissing(), s.getModified(),
                s.getUntracked(), s.getConflicting());
    }

    @Test
    void commitsTheManifestsOnANewBranchAndLeavesTheWorkingCopyAlone() throws Exception {
        setUp("");
        Path edited = root.resolve("catalog-yaml/all.yaml");
        String edit = MANIFESTS + "# an edit in progress, not committed\n";
        Files.writeString(edited, edit);
        List<Object> before;
        try (Git git = Git.open(root.toFile())) {
            before = status(git);
        }
        assertTrue(before.toString().contains("catalog-yaml/all.yaml"), "the edit shows in git status: " + before);

        Cli.Run run = importTo("--branch", "import/lake");
        assertEquals(0, run.code(), run.out() + run.err());

        try (Git git = Git.open(root.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            Ref branch = repository.exactRef("refs/heads/import/lake");
            assertTrue(branch != null, "branch created: " + branches(repository));
            RevCommit commit = walk.parseCommit(branch.getObjectId());
            assertEquals(1, commit.getParentCount());
            assertEquals(main, commit.getParent(0).getId(), "built on main");
            assertTrue(commit.getFullMessage().startsWith("Import 1 unmanaged asset from iceberg-jdbc:"), commit.getFullMessage());
            assertTrue(commit.getFullMessage().contains("spec.owner"), commit.getFullMessage());
            assertEquals("Dana Importer", commit.getAuthorIdent().getName(), "from the repository's git config");
            assertEquals("dana@example.com", commit.getCommitterIdent().getEmailAddress());

            // The commit adds exactly one file to main's tree.
            List<String> changed = new ArrayList<>();
            try (TreeWalk diff = new TreeWalk(repository)) {
                diff.addTree(walk.parseCommit(main).getTree());
                diff.addTree(commit.getTree());
                diff.setRecursive(true);
                diff.setFilter(TreeFilter.ANY_DIFF);
                while (diff.next()) changed.add(diff.getPathString());
            }
            assertEquals(1, changed.size(), changed.toString());
            String path = changed.get(0);
            assertTrue(path.startsWith("catalog-yaml/imported/") && path.endsWith(".yaml"), path);
            assertEquals("committed 1 entity to branch import/lake (" + commit.abbreviate(7).name() + ") as " + path
                    + ": set each spec.owner, then open a pull request", run.out().strip());
            String yaml;
            try (TreeWalk file = TreeWalk.forPath(repository, path, commit.getTree())) {
                yaml = new String(repository.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(yaml.contains("table: lake.scratch") && yaml.contains("owner: group:default/needs-owner"), yaml);
            assertFalse(yaml.contains("lake.orders_fact"), "a described table is not imported: " + yaml);

            // HEAD, main, the index and the working tree are as they were.
            assertEquals("refs/heads/main", repository.exactRef(Constants.HEAD).getTarget().getName());
            assertEquals(main, repository.resolve("refs/heads/main"));
            assertEquals(edit, Files.readString(edited));
            assertFalse(Files.exists(root.resolve(path)), "nothing written to the working tree");
            assertFalse(Files.exists(Path.of(path)), "nor to the current folder");
            assertEquals(before, status(git));
        }

        // One annotation a problem: exactly one error, the owner to set.
        Cli.Run check = Cli.run("check", "--repo=" + root, "--ref", "import/lake", "--format", "github");
        assertEquals(1, check.code(), check.out() + check.err());
        List<String> errors = check.out().lines().filter(l -> l.startsWith("::error")).toList();
        assertEquals(1, errors.size(), "only the owner to set: " + check.out());
        assertTrue(errors.get(0).contains("resource:default/lake.scratch needs an owner"), check.out());
    }

    @Test
    void anExistingBranchIsNeverMoved() throws Exception {
        setUp("");
        assertEquals(0, importTo("--branch", "import/lake").code());
        ObjectId first;
        try (Git git = Git.open(root.toFile())) {
            first = git.getRepository().resolve("refs/heads/import/lake");
        }

        Cli.Run again = importTo("--branch", "import/lake");
        assertEquals(2, again.code(), again.out() + again.err());
        assertTrue(again.err().contains("branch 'import/lake' already exists"), again.err());
        assertEquals("", again.out());
        try (Git git = Git.open(root.toFile())) {
            assertEquals(first, git.getRepository().resolve("refs/heads/import/lake"));
            assertEquals(List.of("refs/heads/import/lake", "refs/heads/main"), branches(git.getRepository()));
        }
    }

    @Test
    void badNamesPathsAndRepositoriesAreRefusedBeforeAnythingIsWritten() throws Exception {
        setUp("");
        Cli.Run badName = importTo("--branch", "bad..name");
        assertEquals(2, badName.code(), badName.out() + badName.err());
        assertTrue(badName.err().contains("--branch: 'bad..name' is not a valid Git branch name"), badName.err());

        Cli.Run escapes = importTo("--branch", "import/lake", "--out", "../outside");
        assertEquals(2, escapes.code(), escapes.out() + escapes.err());
        assertTrue(escapes.err().contains("--out ../outside leaves the repository"), escapes.err());
        assertFalse(Files.exists(tmp.resolve("outside")));

        Cli.Run absolute = importTo("--branch", "import/lake", "--out", tmp.resolve("abs").toString());
        assertEquals(2, absolute.code(), absolute.out() + absolute.err());
        assertTrue(absolute.err().contains("must be a folder relative to the repository root"), absolute.err());
        assertFalse(Files.exists(tmp.resolve("abs")));

        Cli.Run url = Cli.run("import", "--config", config.toString(), "--repo=https://git.example.invalid/catalog.git",
                "--cache-dir", tmp.resolve("cache").toString(), "--source", "iceberg-jdbc", "--branch", "import/lake");
        assertEquals(2, url.code(), url.out() + url.err());
        assertTrue(url.err().contains("--branch needs a local repository: https://git.example.invalid/catalog.git"), url.err());
        assertFalse(Files.exists(tmp.resolve("cache")), "nothing cloned");

        Cli.Run dir = importTo("--dir", root.resolve("catalog-yaml").toString(), "--branch", "import/lake");
        assertEquals(2, dir.code(), dir.out() + dir.err());
        assertTrue(dir.err().contains("--dir reads a folder that is not one"), dir.err());

        try (Git git = Git.open(root.toFile())) {
            assertEquals(List.of("refs/heads/main"), branches(git.getRepository()));
            assertEquals(main, git.getRepository().resolve("refs/heads/main"));
            assertTrue(git.status().call().isClean(), "nothing written to the working tree");
        }
    }

    @Test
    void aFileImportedBeforeIsReplacedOnTheBranch() throws Exception {
        setUp("");
        String path = "catalog-yaml/imported/" + Importer.name("iceberg-jdbc:" + warehouse) + ".yaml";
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), resource("old", "type: iceberg-table\nowner: lakehouse\ntable: lake.old"));
        try (Git git = Git.open(root.toFile())) {
            git.add().addFilepattern(".").call();
            main = git.commit().setMessage("an earlier import").call().getId();
        }

        Cli.Run run = importTo("--branch", "import/again");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().endsWith(" as " + path + ": set each spec.owner, then open a pull request\n"), run.out());
        try (Git git = Git.open(root.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            RevCommit commit = walk.parseCommit(repository.resolve("refs/heads/import/again"));
            assertEquals(main, commit.getParent(0).getId());
            String yaml;
            try (TreeWalk file = TreeWalk.forPath(repository, path, commit.getTree())) {
                yaml = new String(repository.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(yaml.contains("table: lake.scratch") && !yaml.contains("lake.old"), yaml);
            try (TreeWalk kept = TreeWalk.forPath(repository, "catalog-yaml/all.yaml", commit.getTree())) {
                assertTrue(kept != null, "the rest of main's tree is kept");
            }
        }
    }

    @Test
    void nothingToImportMakesNoBranch() throws Exception {
        setUp(resource("scratch", "type: iceberg-table\nowner: lakehouse\ntable: lake.scratch"));
        Cli.Run run = importTo("--branch", "import/lake");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().startsWith("nothing to import: every asset of iceberg-jdbc:"), run.out());
        try (Git git = Git.open(root.toFile())) {
            assertNull(git.getRepository().exactRef("refs/heads/import/lake"));
            assertEquals(List.of("refs/heads/main"), branches(git.getRepository()));
        }
    }
}

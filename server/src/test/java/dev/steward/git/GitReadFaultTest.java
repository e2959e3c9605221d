package dev.steward.git;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository that cannot read one of its own objects (a loose object deleted or truncated) is an
 * I/O fault of the repository, not a file missing from the commit: the load fails with the cause
 * kept, nothing is blamed on a manifest, and the server keeps what it served.
 */
class GitReadFaultTest {
    private static final String ORG = group("team-a", "members: [ana]") + user("ana");
    private static final String API_WITH_TEXT_PLACEHOLDER = """
            ---
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata:
              name: orders
            spec:
              type: openapi
              lifecycle: production
              owner: team-a
              definition:
                $text: ./orders-spec.txt
            """;

    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void aDeletedPlaceholderBlobFailsTheCheckAsAnIoErrorNamingCommitPathAndCause() throws Exception {
        ObjectId commit = repo.manifest("org.yaml", ORG).manifest("api.yaml", API_WITH_TEXT_PLACEHOLDER)
                .write("catalog-yaml/orders-spec.txt", "openapi: 3.1.0 # orders\n").commit("api");
        Files.delete(looseObject(commit, "catalog-yaml/orders-spec.txt"));

        Cli.Run check = Cli.inRepo("check", repo.root());

        assertEquals(2, check.code(), check.out() + check.err());
        assertTrue(check.err().contains("cannot read catalog-yaml/orders-spec.txt at " + commit.name()), check.err());
        assertTrue(check.err().contains("Missing blob"), "the JGit cause is kept: " + check.err());
        assertFalse(check.out().contains("no file"), "no manifest is blamed: " + check.out());
    }

    @Test
    void aTruncatedPlaceholderBlobIsAnIoErrorNotANullPointer() throws Exception {
        ObjectId commit = repo.manifest("org.yaml", ORG).manifest("api.yaml", API_WITH_TEXT_PLACEHOLDER)
                .write("catalog-yaml/orders-spec.txt", "openapi: 3.1.0 # orders " + incompressible(4000) + "\n")
                .commit("api");
        truncate(looseObject(commit, "catalog-yaml/orders-spec.txt"));

        Cli.Run check = Cli.inRepo("check", repo.root());

        assertEquals(2, check.code(), check.out() + check.err());
        assertTrue(check.err().contains("cannot read catalog-yaml/orders-spec.txt at " + commit.name()), check.err());
        assertFalse(check.err().contains("NullPointerException"), check.err());
    }

    @Test
    void aDeletedManifestBlobIsAnIoErrorNamingThePath() throws Exception {
        ObjectId commit = repo.manifest("org.yaml", ORG).manifest("api.yaml", API_WITH_TEXT_PLACEHOLDER)
                .write("catalog-yaml/orders-spec.txt", "openapi: 3.1.0\n").commit("api");
        Files.delete(looseObject(commit, "catalog-yaml/org.yaml"));

        Cli.Run check = Cli.inRepo("check", repo.root());

        assertEquals(2, check.code(), check.out() + check.err());
        assertTrue(check.err().contains("cannot read catalog-yaml/org.yaml at " + commit.name()), check.err());
        assertTrue(check.err().contains("Missing blob"), check.err());
    }

    @Test
    void anIoFaultOnReloadIsALoadFailureAndTheLastGoodSnapshotStaysServed() throws Exception {
        ObjectId good = repo.manifest("org.yaml", ORG).commit("good");
        LiveCatalog live = LiveCatalog.empty(SyncStatus.starting(repo.root().toString(), "main", 0));
        List<LoadAttempt> attempts = new CopyOnWriteArrayList<>();
        try (CatalogSync sync = new CatalogSync(repo.open(),
                new SyncSettings("main", "catalog-yaml", "runbooks", Duration.ZERO, 1 << 20, 20),
                new ManifestLoader(), live, attempts::add, Clock.systemUTC())) {
            sync.loadInitial();
            assertEquals(good.name(), live.current().commit());

            ObjectId faulty = repo.manifest("api.yaml", API_WITH_TEXT_PLACEHOLDER)
                    .write("catalog-yaml/orders-spec.txt", "openapi: 3.1.0 # reload\n").commit("api");
            Files.delete(looseObject(faulty, "catalog-yaml/orders-spec.txt"));

            assertFalse(sync.checkNow(), "a commit that cannot be read is not served");
            LiveCatalog.State state = live.state();
            assertEquals(good.name(), state.served().commit(), "still the last good snapshot");
            assertNull(state.rejected(), "an I/O fault is no validation verdict on the commit");
            assertEquals(SyncStatus.State.ERROR, state.sync().state());
            assertTrue(state.sync().lastError().contains("cannot read catalog-yaml/orders-spec.txt at " + faulty.name()),
                    state.sync().lastError());
            assertEquals(List.of(LoadAttempt.Outcome.SERVED, LoadAttempt.Outcome.FAILED),
                    attempts.stream().map(LoadAttempt::outcome).toList());
        }
    }

    /** The loose object file of {@code path}'s blob at {@code commit}. */
    private Path looseObject(ObjectId commit, String path) throws Exception {
        ObjectId blob = repo.git().getRepository().resolve(commit.name() + ":" + path);
        return repo.root().resolve(".git/objects").resolve(blob.name().substring(0, 2)).resolve(blob.name().substring(2));
    }

    /** Keeps the start of a loose object (its header still says how big it is) and drops the rest. */
    private static void truncate(Path looseObject) throws Exception {
        byte[] bytes = Files.readAllBytes(looseObject);
        Files.delete(looseObject); // loose objects are read-only
        Files.write(looseObject, Arrays.copyOf(bytes, bytes.length / 2));
    }

    /** Text that deflates poorly, so half a loose object holds its header but not its content. */
    private static String incompressible(int length) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) out.append((char) ('a' + random.nextInt(26)));
        return out.toString();
    }
}

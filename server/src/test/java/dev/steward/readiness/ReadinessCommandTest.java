package dev.steward.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.http.ApiTokens;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.store.Database;
import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward readiness}: offline from Git (attestations pending), or a running server's answer. */
class ReadinessCommandTest {
    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
        repo.manifest("org.yaml", ReadinessApiTest.ORG).manifest("readiness.yaml", ReadinessApiTest.CHECKLIST)
                .manifest("jobs.yaml", ReadinessApiTest.JOBS).commit("main");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void offlineItEvaluatesRulesFromGitAndExitsByReadiness() {
        Cli.Run bare = Cli.inRepo("readiness", repo.root(), "bare-job");
        assertEquals(1, bare.code(), bare.err());
        assertTrue(bare.out().startsWith("component:default/bare-job: NOT READY (level none)"), bare.out());
        assertTrue(bare.out().contains("fail     checkpointing-declared"), bare.out());
        assertTrue(bare.out().contains("must act: group:default/streaming"), bare.out());
        assertTrue(bare.out().contains("pending  restore-tested"), bare.out());
        Cli.Run good = Cli.inRepo("readiness", repo.root(), "good-job", "--json");
        assertEquals(0, good.code(), good.err());
        assertTrue(good.out().contains("\"level\" : \"silver\""), good.out());
        assertEquals(2, Cli.inRepo("readiness", repo.root(), "no-such-job").code());
    }

    @Test
    void withServerItShowsTheServersAttestations() throws Exception {
        LiveCatalog live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        try (Database db = Database.openSqlite(tmp.resolve("steward.db"))) {
            ReadinessService service = new ReadinessService(db, live, Clock.systemUTC(), Voids.BY_VALUE);
            var app = StewardApp.create(AppContext.builder(live).tokens(ApiTokens.of("ana", "ana-token-0123456789"))
                    .readiness(AppContext.Readiness.of(service)).build());
            JavalinTest.test(app, (server, client) -> {
                assertEquals(201, client.post("/api/readiness/attestations", "{\"entity\": \"good-job\", \"checklist\": "
                        + "\"streaming-job\", \"check\": \"failure-injection\", \"evidence\": \"https://ci.example/7\"}",
                        r -> r.header("Authorization", "Bearer ana-token-0123456789")).code());
                Cli.Run run = Cli.run("readiness", "good-job", "--server", "http://localhost:" + server.port());
                assertEquals(0, run.code(), run.err());
                assertTrue(run.out().contains("pass     failure-injection"), run.out());
                assertTrue(run.out().contains("attested by user:default/ana: https://ci.example/7"), run.out());
            });
        }
    }
}

package dev.steward.http;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.git.CatalogSync;
import dev.steward.git.SyncSettings;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A started server over a real Git repository, reloading as commits arrive. */
class ServerReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = group("lakehouse", "members: [alice]") + group("governance", "members: [gina]")
            + user("alice") + user("gina")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse")
            + responsibility("partition-evolution", "type: change\nappliesTo: [resource:iceberg-table]")
            + policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [owner]");

    @TempDir
    Path tmp;
    TestRepo repo;
    LiveCatalog live;
    CatalogSync sync;
    List<LoadAttempt> attempts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
        live = LiveCatalog.empty(SyncStatus.starting(repo.root().toString(), "main", 0));
    }

    @AfterEach
    void tearDown() {
        if (sync != null) sync.close();
        repo.close();
    }

    private CatalogSync sync(Duration poll) {
        sync = new CatalogSync(repo.open(), new SyncSettings("main", "catalog-yaml", "runbooks", poll, 1 << 20, 20),
                new ManifestLoader(), live, attempts::add, Clock.systemUTC());
        return sync;
    }

    private static JsonNode json(io.javalin.testtools.Response response) throws Exception {
        return JSON.readTree(response.body().string());
    }

    @Test
    void badCommitAfterGoodOneKeepsServingTheGoodOneAndReportsErrors() {
        ObjectId good = repo.manifest("all.yaml", GOOD).commit("good");
        sync(Duration.ZERO).loadInitial();
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            JsonNode status = json(client.get("/api/status"));
            assertEquals(good.name(), status.get("commit").asText());
            assertEquals(0, status.get("errors").size());

            ObjectId bad = repo.manifest("all.yaml", GOOD.replace("owner: lakehouse", "owner: lakehose")).commit("bad");
            assertTrue(!sync.checkNow(), "the bad commit must not be served");

            status = json(client.get("/api/status"));
            assertEquals(good.name(), status.get("commit").asText(), "still the good commit");
            assertEquals(bad.name(), status.get("rejectedCommit").asText());
            assertEquals("head-invalid", status.get("sync").get("state").asText());
            assertEquals(bad.name(), status.get("sync").get("head").asText());
            JsonNode error = status.get("errors").get(0);
            assertEquals("catalog-yaml/all.yaml", error.get("path").asText());
            assertTrue(error.get("line").asInt() > 1);
            assertTrue(error.get("message").asText().contains("group:default/lakehose does not exist"),
                    error.toString());

            JsonNode who = json(client.get("/api/who?entity=resource:orders-fact&responsibility=partition-evolution"));
            assertEquals(good.name(), who.get("commit").asText());
            assertEquals("group:default/lakehouse", who.get("approvers").get(0).get("ref").asText());

            ObjectId fixed = repo.manifest("all.yaml", GOOD.replace("owner: lakehouse", "owner: governance"))
                    .commit("fix");
            assertTrue(sync.checkNow());
            status = json(client.get("/api/status"));
            assertEquals(fixed.name(), status.get("commit").asText());
            assertTrue(status.get("rejectedCommit") == null);
            assertEquals(0, status.get("errors").size());
            assertEquals("ok", status.get("sync").get("state").asText());
            who = json(client.get("/api/who?entity=resource:orders-fact&responsibility=partition-evolution"));
            assertEquals("group:default/governance", who.get("approvers").get(0).get("ref").asText());
        });
        assertEquals(List.of(LoadAttempt.Outcome.SERVED, LoadAttempt.Outcome.REJECTED, LoadAttempt.Outcome.SERVED),
                attempts.stream().map(LoadAttempt::outcome).toList());
    }

    @Test
    void coldStartOnAnInvalidHeadServesTheNewestValidAncestor() {
        ObjectId good = repo.manifest("all.yaml", GOOD).commit("good");
        repo.manifest("broken.yaml", "kind: [").commit("broken 1");
        ObjectId head = repo.manifest("broken2.yaml", "- not an entity").commit("broken 2");
        sync(Duration.ZERO).loadInitial();
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            JsonNode status = json(client.get("/api/status"));
            assertEquals(good.name(), status.get("commit").asText());
            assertEquals(head.name(), status.get("rejectedCommit").asText());
            assertEquals("head-invalid", status.get("sync").get("state").asText());
            assertEquals(2, status.get("errors").size(), "the head's own errors: " + status.get("errors"));
            assertEquals(200, client.get("/readyz").code());
        });
    }

    @Test
    void withNoValidCommitAtAllTheServerIsNotReady() {
        repo.manifest("broken.yaml", "kind: [").commit("broken");
        sync(Duration.ZERO).loadInitial();
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            assertEquals(503, client.get("/readyz").code());
            assertEquals(200, client.get("/healthz").code());
            JsonNode status = json(client.get("/api/status"));
            assertTrue(status.get("commit") == null);
            assertEquals("YAML syntax error", status.get("errors").get(0).get("message").asText().substring(0, 17));
            assertEquals(404, client.get("/api/who?entity=resource:orders-fact&responsibility=create").code());
        });
    }

    @Test
    void pollingPicksUpANewCommit() throws Exception {
        repo.manifest("all.yaml", GOOD).commit("good");
        sync(Duration.ofMillis(100)).loadInitial();
        sync.start();
        ObjectId next = repo.manifest("more.yaml", group("analytics", "")).commit("more");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!next.name().equals(live.current().commit()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(next.name(), live.current().commit());
    }
}

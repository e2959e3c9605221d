package dev.steward.replicas;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.testing.ServerProcess;
import dev.steward.testing.TestDatabases;
import dev.steward.testing.TestRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Steward processes on one PostgreSQL, each loading the same Git repository: a write on one is
 * read on the other, concurrent writes from both to one incident all land, and after a push both
 * serve the new commit, each naming itself and its commit in /api/status.
 */
@Timeout(180)
class ReplicasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "replica-token-0123456789";
    private static final String CATALOG = group("lakehouse", "members: [dana]") + group("sre", "members: [sam]")
            + user("dana") + user("sam") + resource("orders-fact", "type: iceberg-table\nowner: lakehouse")
            + responsibility("incident-rca", "type: duty")
            + policy("defaults", "rules:\n  - for: [incident-rca]\n    responsible: [owner]\n    approvers: [group:sre]");

    @TempDir
    Path tmp;
    final HttpClient client = HttpClient.newHttpClient();

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = client.send(request.header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode get(ServerProcess s, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(s.base() + path)).GET());
    }

    private JsonNode post(ServerProcess s, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(s.base() + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode patch(ServerProcess s, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(s.base() + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void twoReplicasShareWritesAndConvergeOnEveryPush() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.postgres(); TestRepo repo = TestRepo.create(tmp)) {
            ObjectId first = repo.manifest("all.yaml", CATALOG).commit("first");
            Map<String, String> env = Map.of("STEWARD_API_TOKENS", "ops=" + TOKEN, "STEWARD_DB_URL", db.url());
            try (ServerProcess a = ServerProcess.start(tmp.resolve("a.log"), env, "--repo", repo.root().toString(),
                    "--poll", "1s");
                 ServerProcess b = ServerProcess.start(tmp.resolve("b.log"), env, "--repo", repo.root().toString(),
                    "--poll", "1s")) {
                // A write on one replica is read on the other.
                JsonNode created = post(a, "/api/incidents",
                        "{\"title\": \"Late orders\", \"severity\": \"SEV2\", \"entities\": [\"resource:orders-fact\"]}");
                long id = created.get("id").asLong();
                JsonNode seen = get(b, "/api/incidents/" + id);
                assertEquals("Late orders", seen.get("title").asText());
                assertEquals("group:default/lakehouse", seen.get("rcaOwner").get("ref").asText());
                patch(b, "/api/incidents/" + id, "{\"status\": \"mitigated\"}");
                assertEquals("mitigated", get(a, "/api/incidents/" + id).get("status").asText());

                // Both replicas append to the same incident at once: every entry lands.
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    ServerProcess target = i % 2 == 0 ? a : b;
                    int n = i;
                    writes.add(pool.submit(() -> patch(target, "/api/incidents/" + id,
                            "{\"timeline\": [{\"text\": \"entry " + n + "\"}]}")));
                }
                try {
                    for (Future<?> w : writes) w.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(e.getCause().getMessage() + "\nA:\n" + a.log() + "\nB:\n" + b.log(), e);
                }
                pool.shutdown();
                JsonNode timeline = get(a, "/api/incidents/" + id).get("timeline");
                long entries = 0;
                for (JsonNode e : timeline) if (e.get("text").asText().startsWith("entry ")) entries++;
                assertEquals(40, entries, timeline.toString());

                // Both serve the first commit, and name themselves.
                JsonNode statusA = get(a, "/api/status");
                JsonNode statusB = get(b, "/api/status");
                assertEquals(first.name(), statusA.get("commit").asText());
                assertEquals(first.name(), statusB.get("commit").asText());
                assertNotEquals(statusA.get("replica").asText(), statusB.get("replica").asText());

                // A push: both converge on it.
                ObjectId second = repo.manifest("all.yaml", CATALOG.replace("owner: lakehouse", "owner: sre"))
                        .commit("ownership moves");
                awaitCommit(a, second.name());
                awaitCommit(b, second.name());
                assertEquals("group:default/sre",
                        get(b, "/api/who?entity=resource:orders-fact&responsibility=incident-rca")
                                .get("responsible").get(0).get("ref").asText());
            }
        }
    }

    private void awaitCommit(ServerProcess s, String commit) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!commit.equals(get(s, "/api/status").get("commit").asText())) {
            assertTrue(System.nanoTime() < deadline, "replica " + s.base() + " did not reach " + commit + ":\n" + s.log());
            Thread.sleep(200);
        }
    }
}

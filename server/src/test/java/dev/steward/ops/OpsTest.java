package dev.steward.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Metrics in Prometheus' format, readiness with degraded states, and JSON logs. */
class OpsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private LiveCatalog live() {
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", dev.steward.testing.Yaml.group("team-a", "members: [ana]")
                    + dev.steward.testing.Yaml.user("ana")).commit("org");
            return new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        }
    }

    @Test
    void metricsNameReloadsSnapshotSizeAndLatencyByRoute() {
        LiveCatalog live = live();
        Metrics metrics = new Metrics(live, null, Clock.systemUTC());
        metrics.reload(new LoadAttempt("abc", "main", Instant.now(), 42, LoadAttempt.Outcome.SERVED, 2, 0, null));
        AppContext app = AppContext.builder(live)
                .ops(new AppContext.Ops(metrics, new Health(live, null), "test/1")).build();
        JavalinTest.test(StewardApp.create(app), (server, client) -> {
            client.get("/api/groups/team-a/duties");
            client.get("/api/groups/nobody/duties");
            String body = client.get("/metrics").body().string();
            assertTrue(body.contains("steward_snapshot_entities 2.0"), body);
            assertTrue(body.contains("steward_reload_seconds_count{result=\"served\"} 1"), body);
            assertTrue(body.contains("steward_http_request_seconds_count{method=\"GET\",route=\"/api/groups/{name}/duties\",status=\"200\"} 1"), body);
            assertTrue(body.contains("route=\"/api/groups/{name}/duties\",status=\"404\""), "by route template, not path: " + body);
            assertTrue(body.contains("steward_sync_lag_seconds"), body);
        });
    }

    @Test
    void readyzStaysReadyButSaysDegradedWhileGitFails() {
        LiveCatalog live = live();
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            JsonNode ready = JSON.readTree(client.get("/readyz").body().string());
            assertTrue(ready.get("ready").asBoolean());
            assertEquals(false, ready.get("degraded").asBoolean());
            live.updateSync(s -> s.checked(s.head(), dev.steward.catalog.SyncStatus.State.ERROR, Instant.now(), "cannot fetch origin: connection refused"));
            var response = client.get("/readyz");
            assertEquals(200, response.code(), "a degraded replica still serves correct reads");
            ready = JSON.readTree(response.body().string());
            assertTrue(ready.get("degraded").asBoolean());
            assertTrue(ready.get("reasons").get(0).asText().startsWith("git: cannot fetch origin"), ready.toString());
            assertEquals("[\"git\"]", ready.get("failing").toString(), "the part of each reason, for programs");
            JsonNode status = JSON.readTree(client.get("/api/status").body().string());
            assertTrue(status.get("health").get("degraded").asBoolean(), status.toString());
        });
    }

    @Test
    void jsonLogsWriteOneObjectPerLine() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Logs.configure("json");
            LoggerFactory.getLogger("steward.test").info("reloaded {} in {} ms", "abc", 42);
        } finally {
            Logs.configure("text");
            System.setErr(original);
        }
        String line = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("steward.test"))
                .findFirst().orElseThrow(() -> new AssertionError("nothing logged: " + captured));
        JsonNode event = JSON.readTree(line);
        assertEquals("INFO", event.get("level").asText());
        assertEquals("reloaded abc in 42 ms", event.get("formattedMessage").asText());
    }
}

package dev.steward.webhooks;

import static dev.steward.testing.Yaml.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.git.CatalogSync;
import dev.steward.git.SyncSettings;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push webhooks: signatures checked against GitHub's documented example, and a push reloads at once. */
class WebhookTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String PAYLOAD = "Hello, World!";
    private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @TempDir
    Path tmp;

    @Test
    void githubsDocumentedExampleVerifies() {
        assertEquals(SIGNATURE, "sha256=" + Hmac.sha256Hex(SECRET, PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        assertTrue(Hmac.verify(SECRET, PAYLOAD.getBytes(StandardCharsets.UTF_8), "sha256=", SIGNATURE));
    }

    private static AppContext context(LiveCatalog live, Runnable requestCheck) {
        return AppContext.builder(live).webhooks(new WebhookSettings(SECRET, "gl-token"), requestCheck).build();
    }

    @Test
    void signedPushesAreAcceptedAndEverythingElseIsRefused() {
        AtomicInteger checks = new AtomicInteger();
        LiveCatalog live = LiveCatalog.empty(SyncStatus.starting("t", "main", 0));
        JavalinTest.test(StewardApp.create(context(live, checks::incrementAndGet)), (server, client) -> {
            var ok = client.post("/webhooks/github", PAYLOAD, r -> r.header("X-Hub-Signature-256", SIGNATURE)
                    .header("X-GitHub-Event", "push"));
            assertEquals(202, ok.code());
            assertEquals(1, checks.get());
            var tamperedBody = client.post("/webhooks/github", "Hello, World?", r -> r
                    .header("X-Hub-Signature-256", SIGNATURE).header("X-GitHub-Event", "push"));
            assertEquals(401, tamperedBody.code());
            var tamperedSignature = client.post("/webhooks/github", PAYLOAD, r -> r
                    .header("X-Hub-Signature-256", SIGNATURE.replace("757107", "757108")).header("X-GitHub-Event", "push"));
            assertEquals(401, tamperedSignature.code());
            var missing = client.post("/webhooks/github", PAYLOAD, r -> r.header("X-GitHub-Event", "push"));
            assertEquals(401, missing.code());
            assertTrue(missing.body().string().contains("X-Hub-Signature-256 is missing"));
            var ping = client.post("/webhooks/github", PAYLOAD, r -> r.header("X-Hub-Signature-256", SIGNATURE)
                    .header("X-GitHub-Event", "ping"));
            assertEquals(202, ping.code());
            assertEquals(1, checks.get(), "only a push reloads");

            assertEquals(202, client.post("/webhooks/gitlab", "{}", r -> r.header("X-Gitlab-Token", "gl-token")
                    .header("X-Gitlab-Event", "Push Hook")).code());
            assertEquals(2, checks.get());
            assertEquals(401, client.post("/webhooks/gitlab", "{}", r -> r.header("X-Gitlab-Token", "gl-tokem")
                    .header("X-Gitlab-Event", "Push Hook")).code());
            assertEquals(401, client.post("/webhooks/gitlab", "{}").code());
        });
    }

    @Test
    void withoutASecretTheWebhooksAreOff() {
        LiveCatalog live = LiveCatalog.empty(SyncStatus.starting("t", "main", 0));
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            assertEquals(403, client.post("/webhooks/github", PAYLOAD, r -> r.header("X-Hub-Signature-256", SIGNATURE))
                    .code());
            assertEquals(403, client.post("/webhooks/gitlab", "{}", r -> r.header("X-Gitlab-Token", "")).code());
        });
    }

    @Test
    void aPushMakesTheNewCommitVisibleWithinASecond() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("org.yaml", group("platform", "")).commit("first");
            LiveCatalog live = LiveCatalog.empty(SyncStatus.starting("t", "main", 0));
            List<dev.steward.catalog.load.LoadAttempt> loads = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (CatalogSync sync = new CatalogSync(repo.open(), new SyncSettings("main", "catalog-yaml", "runbooks",
                    Duration.ZERO, 1 << 20, 5), new ManifestLoader(), live, loads::add, Clock.systemUTC())) {
                sync.loadInitial();
                JavalinTest.test(StewardApp.create(context(live, sync::requestCheck)), (server, client) -> {
                    ObjectId next = repo.manifest("org.yaml", group("platform", "") + group("lakehouse", ""))
                            .commit("second");
                    byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + next.name() + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    String signature = "sha256=" + Hmac.sha256Hex(SECRET, body);
                    long start = System.nanoTime();
                    for (int i = 0; i < 5; i++) { // a burst: five deliveries, one reload
                        assertEquals(202, client.post("/webhooks/github", new String(body, StandardCharsets.UTF_8),
                                r -> r.header("X-Hub-Signature-256", signature).header("X-GitHub-Event", "push")).code());
                    }
                    String commit = null;
                    while (System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
                        var status = new ObjectMapper().readTree(client.get("/api/status").body().string());
                        commit = status.get("commit").asText();
                        if (commit.equals(next.name())) break;
                        Thread.sleep(10);
                    }
                    assertEquals(next.name(), commit, "visible within a second of the push");
                    Thread.sleep(200);
                    assertEquals(2, loads.size(), "the first load and one reload for the whole burst");
                });
            }
        }
    }
}

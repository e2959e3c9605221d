package dev.steward.rca;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.http.ApiTokens;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.store.Database;
import dev.steward.testing.ServerProcess;
import dev.steward.testing.TestDatabases;
import dev.steward.testing.TestRepo;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Nothing acknowledged is lost: not to SIGKILL, not to 32 writers at once. */
@Timeout(300)
@ParameterizedClass
@EnumSource(TestDatabases.Kind.class)
class StoreDurabilityTest {
    private static final String TOKEN = "durability-token-0123456789";
    private static final String CATALOG = group("lakehouse", "members: [dana]") + user("dana")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse") + responsibility("incident-rca", "type: duty")
            + policy("defaults", "rules:\n  - for: [incident-rca]\n    responsible: [owner]");
    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");

    @Parameter
    TestDatabases.Kind store;
    @TempDir
    Path tmp;

    private static HttpRequest create(String base, String title) {
        return HttpRequest.newBuilder(URI.create(base + "/api/incidents"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"" + title
                        + "\", \"severity\": \"SEV3\", \"entities\": [\"resource:orders-fact\"]}")).build();
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        TestDatabases.TestDb testDb = TestDatabases.open(store, tmp);
        testDb.db().close(); // the server opens it; the test only looks afterwards
        String db = testDb.url();
        Path repoDir;
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", CATALOG).commit("main");
            repoDir = repo.root();
        }
        ServerProcess server = ServerProcess.start(tmp.resolve("server.log"), Map.of("STEWARD_API_TOKENS", "writer=" + TOKEN),
                "--repo", repoDir.toString(), "--db", db, "--poll", "0");
        String base = server.base();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(25);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                for (int i = 0; !killed.get(); i++) {
                    String title = "w" + writer + "-" + i;
                    try {
                        HttpResponse<String> r = client.send(create(base, title), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            Matcher m = ID.matcher(r.body());
                            if (m.find()) {
                                acknowledged.put(Long.parseLong(m.group(1)), title);
                                enough.countDown();
                            }
                        }
                    } catch (Exception gone) {
                        return;
                    }
                }
            }));
        }
        // Kill while the writers are busy, once enough writes were acknowledged (however slow the machine is).
        assertTrue(enough.await(60, TimeUnit.SECONDS), "writes were acknowledged before the kill");
        server.kill(); // SIGKILL: no shutdown hook, no flush
        killed.set(true);
        writers.shutdown();
        assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(acknowledged.size() > 20, "enough writes before the kill: " + acknowledged.size());

        Database reopened = testDb.reopen(); // the restart: reopen, as a new server would
        if (store == TestDatabases.Kind.SQLITE) {
            assertEquals("ok", reopened.read(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one()));
        }
        Map<Long, String> stored = new java.util.HashMap<>();
        reopened.read(h -> h.createQuery("SELECT id, title FROM incident").map((rs, ctx) ->
                stored.put(rs.getLong("id"), rs.getString("title"))).list());
        for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
            assertEquals(e.getValue(), stored.get(e.getKey()), "acknowledged incident " + e.getKey() + " lost");
        }
        reopened.close();
        testDb.drop().run();
    }

    @Test
    void thirtyTwoConcurrentClientsTimesTwoHundredWritesAllLand() throws Exception {
        LiveCatalog live;
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", CATALOG).commit("main");
            live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        }
        TestDatabases.TestDb testDb = TestDatabases.open(store, tmp);
        Database db = testDb.db();
        IncidentService service = new IncidentService(db, live, Clock.systemUTC(), ActionSla.DEFAULT);
        Javalin app = StewardApp.create(AppContext.builder(live).incidents(service)
                .tokens(ApiTokens.of("load", TOKEN)).build()).start(0);
        try {
            String base = "http://localhost:" + app.port();
            HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
            AtomicInteger created = new AtomicInteger();
            Map<Integer, Integer> failures = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(32);
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                int clientId = c;
                all.add(clients.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        HttpResponse<String> r = client.send(create(base, "c" + clientId + "-" + i),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) created.incrementAndGet();
                        else failures.merge(r.statusCode(), 1, Integer::sum);
                        if (r.body().contains("SQLITE_BUSY")) failures.merge(-1, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) f.get(240, TimeUnit.SECONDS);
            clients.shutdown();
            assertEquals(Map.of(), failures, "no write may fail, and no SQLITE_BUSY may reach a client");
            assertEquals(6400, created.get());
            int incidents = db.read(h -> h.createQuery("SELECT count(*) FROM incident").mapTo(Integer.class).one());
            int audits = db.read(h -> h.createQuery("SELECT count(*) FROM audit").mapTo(Integer.class).one());
            assertEquals(6400, incidents);
            assertEquals(6400, audits);
        } finally {
            app.stop();
            testDb.close();
        }
    }
}

package dev.steward.alignment;

import static dev.steward.testing.Yaml.checklist;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.alignment.iceberg.IcebergSource;
import dev.steward.alignment.store.AlignmentService;
import dev.steward.alignment.store.AlignmentState;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.ops.Health;
import dev.steward.readiness.Voids;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.store.Database;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's alignment against a real Iceberg JdbcCatalog: a scan records findings in the store and
 * serves them at /api/alignment; the observed facts reach readiness rules; when the catalog cannot be
 * read, the last findings stay, marked stale, and the replica says it is degraded.
 */
class AlignmentServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema ORDERS = new Schema(
            Types.NestedField.required(1, "order_id", Types.LongType.get()),
            Types.NestedField.required(2, "order_ts", Types.TimestampType.withZone()));
    private static final String CATALOG = group("lakehouse", "members: [dana]") + user("dana")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse\ntable: lake.orders_fact\n"
                    + "partitioning: [\"days(order_ts)\"]\nformatVersion: 1")
            + checklist("iceberg-table", """
                    appliesTo: [resource:iceberg-table]
                    checks:
                      - id: observed-in-the-catalog
                        rule: has(facts.snapshotCount) && has(facts.tableUuid)
                    """);

    @TempDir
    Path tmp;

    @Test
    void scansAreServedFactsReachReadinessAndAnUnreadableSourceGoesStale() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("catalog"));
        String uri = "jdbc:sqlite:" + folder.resolve("catalog.db");
        String warehouse = tmp.resolve("warehouse").toString();
        JdbcCatalog writer = dev.steward.testing.LocalIceberg.writer(uri, warehouse);
        writer.createNamespace(Namespace.of("lake"));
        writer.buildTable(TableIdentifier.of("lake", "orders_fact"), ORDERS)
                .withPartitionSpec(PartitionSpec.builderFor(ORDERS).day("order_ts").build()).create();
        writer.buildTable(TableIdentifier.of("lake", "scratch"), ORDERS).create();
        writer.close();

        LiveCatalog live;
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", CATALOG).commit("main");
            live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        }
        assertTrue(live.current().isValid(), () -> live.current().problems().toString());
        PlatformSettings settings = new PlatformSettings(Duration.ofMinutes(5), Duration.ofSeconds(5), List.of());
        try (Database db = Database.openSqlite(tmp.resolve("steward.db"));
             AlignmentService alignment = new AlignmentService(db, live, settings,
                     List.of(IcebergSource.jdbc(uri, warehouse, Map.of())), Clock.systemUTC())) {
            ReadinessService readiness = new ReadinessService(db, live, Clock.systemUTC(), Voids.BY_VALUE, alignment::state);
            Health health = new Health(live, db, () -> alignment.state().unavailable());
            AppContext app = AppContext.builder(live).readiness(AppContext.Readiness.of(readiness)).alignment(alignment)
                    .ops(new AppContext.Ops(new dev.steward.ops.Metrics(live, null, Clock.systemUTC()), health, "test"))
                    .build();
            JavalinTest.test(StewardApp.create(app), (server, client) -> {
                assertEquals("fail", check(client.get("/api/readiness?entity=orders-fact").body().string()),
                        "before any scan nothing is known");
                AlignmentState first = alignment.scan();
                dev.steward.ops.Metrics metrics = new dev.steward.ops.Metrics(live, null, Clock.systemUTC());
                metrics.aligned(first, Duration.ofMillis(120));
                String scrape = metrics.scrape();
                assertTrue(scrape.contains("steward_alignment_findings{kind=\"drift\",source=\"iceberg-jdbc:" + warehouse
                        + "\"} 1"), scrape);
                assertTrue(scrape.contains("steward_alignment_source_up{source=\"iceberg-jdbc:" + warehouse + "\"} 1"), scrape);
                JsonNode scanned = JSON.readTree(client.get("/api/alignment").body().string());
                assertEquals(2, scanned.get("total").asInt(), scanned.toString());
                JsonNode drift = JSON.readTree(client.get("/api/alignment?kind=drift").body().string()).get("findings").get(0);
                assertEquals("formatVersion", drift.get("field").asText());
                assertEquals(1, drift.get("declared").asInt());
                assertEquals(2, drift.get("actual").asInt());
                assertEquals("group:default/lakehouse", drift.get("owner").asText());
                assertEquals("lake.scratch", JSON.readTree(client.get("/api/alignment?kind=unmanaged").body().string())
                        .get("findings").get(0).get("asset").asText());
                assertFalse(drift.get("stale").asBoolean());
                assertEquals("pass", check(client.get("/api/readiness?entity=orders-fact").body().string()),
                        "the scan's facts reach the rule");

                Files.move(folder, tmp.resolve("catalog-gone"));
                alignment.scan();
                JsonNode stale = JSON.readTree(client.get("/api/alignment").body().string());
                assertEquals(2, stale.get("total").asInt(), "the last findings stay: " + stale);
                assertTrue(stale.get("findings").get(0).get("stale").asBoolean());
                assertTrue(stale.get("sources").get(0).get("stale").asBoolean());
                assertTrue(stale.get("sources").get(0).get("error").asText().contains("iceberg-jdbc"), stale.toString());
                JsonNode ready = JSON.readTree(client.get("/readyz").body().string());
                assertTrue(ready.toString().contains("platform: iceberg-jdbc:"), ready.toString());
                assertEquals(400, client.get("/api/alignment?kind=sideways").code());
            });
        }
    }

    private static String check(String body) throws Exception {
        return JSON.readTree(body).get("checklists").get(0).get("checks").get(0).get("status").asText();
    }
}

package dev.steward.http;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.SyncSettings;
import dev.steward.testing.TestRepo;
import dev.steward.webhooks.WebhookSettings;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ownership history of an entity, from Git: the commits that changed it, and its owner after each. */
class HistoryTest {
    @TempDir
    Path tmp;

    @Test
    void historyListsTheCommitsThatChangedTheEntityWithTheOwnerAfterEach() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            String org = group("lakehouse", "") + group("analytics", "") + group("governance", "");
            repo.manifest("org.yaml", org).commit("org");
            repo.manifest("tables.yaml", resource("orders-fact", "type: iceberg-table\nowner: lakehouse")).commit("add table");
            repo.manifest("org.yaml", org + group("sre", "")).commit("unrelated");
            repo.manifest("tables.yaml", resource("orders-fact", "type: iceberg-table\nowner: analytics"))
                    .commit("hand over to analytics");
            repo.delete("catalog-yaml/tables.yaml").manifest("moved/tables.yaml",
                    resource("orders-fact", "type: iceberg-table\nowner: analytics")).commit("move the file");
            var last = repo.manifest("moved/tables.yaml", resource("orders-fact", "type: iceberg-table\nowner: governance"))
                    .commit("governance takes over");
            try (var git = repo.open()) {
                LiveCatalog live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
                CommitCatalogs commits = new CommitCatalogs(git, new SyncSettings("main", "catalog-yaml", "runbooks",
                        Duration.ZERO, 1 << 20, 0), new ManifestLoader(), live);
                var app = AppContext.builder(live).commits(commits).build();
                JavalinTest.test(StewardApp.create(app), (server, client) -> {
                    JsonNode history = new ObjectMapper().readTree(
                            client.get("/api/entities/resource/default/orders-fact/history").body().string());
                    assertEquals("resource:default/orders-fact", history.get("entity").asText());
                    List<String> rows = new ArrayList<>();
                    history.get("changes").forEach(c -> rows.add(c.get("message").asText() + " | " + c.get("change").asText()
                            + " | " + (c.has("owner") ? c.get("owner").asText() : "-")));
                    assertEquals(List.of("governance takes over | modified | group:default/governance",
                            "hand over to analytics | modified | group:default/analytics",
                            "add table | added | group:default/lakehouse"), rows);
                    JsonNode newest = history.get("changes").get(0);
                    assertEquals(last.name(), newest.get("commit").asText());
                    assertEquals("Test Author", newest.get("author").asText());
                    assertEquals("group:default/analytics", newest.get("previousOwner").asText());
                    assertEquals(true, newest.get("date").asText().startsWith("2026-11-01T10:"));
                    assertEquals(404, client.get("/api/entities/resource/default/never-existed/history").code());
                });
            }
        }
    }
}

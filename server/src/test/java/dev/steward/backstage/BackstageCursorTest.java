package dev.steward.backstage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cursors hold a place in the order, not an offset: a client paging through while commits add and
 * remove entities sees every entity that exists throughout exactly once, and never one twice.
 */
class BackstageCursorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String catalog(Set<Integer> tables) {
        StringBuilder out = new StringBuilder(dev.steward.testing.Yaml.group("team-a", "members: [ana]")
                + dev.steward.testing.Yaml.user("ana"));
        for (int i : tables) {
            out.append(dev.steward.testing.Yaml.resource(String.format("table-%03d", i), "type: iceberg-table\nowner: team-a"));
        }
        return out.toString();
    }

    @Test
    void pagingThroughCommitsSkipsNothingAndRepeatsNothing() {
        try (TestRepo repo = TestRepo.create(tmp)) {
            Set<Integer> tables = new java.util.TreeSet<>();
            for (int i = 0; i < 100; i += 2) tables.add(i); // even numbers: room to add between them
            repo.manifest("all.yaml", catalog(tables)).commit("first");
            LiveCatalog live = LiveCatalog.empty(SyncStatus.starting("t", "main", 0));
            SyncSettings settings = new SyncSettings("main", "catalog-yaml", "runbooks", Duration.ZERO, 1 << 20, 5);
            try (CatalogSync sync = new CatalogSync(repo.open(), settings, new ManifestLoader(), live, a -> { },
                    Clock.systemUTC())) {
                sync.loadInitial();
                JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
                    List<String> seen = new ArrayList<>();
                    JsonNode page = JSON.readTree(client.get("/api/catalog/entities/by-query?filter=kind=resource"
                            + "&orderField=metadata.name,asc&limit=10&fields=metadata.name").body().string());
                    for (int n = 0; ; n++) {
                        page.get("items").forEach(e -> seen.add(e.at("/metadata/name").asText()));
                        if (n == 2) {
                            // Between pages: four tables already seen go, one comes before the cursor, one
                            // after. An offset would now point three entities too far and skip them.
                            tables.remove(0);
                            tables.remove(2);
                            tables.remove(4);
                            tables.remove(6);
                            tables.add(1);
                            tables.add(99);
                            repo.manifest("all.yaml", catalog(tables)).commit("churn");
                            assertTrue(sync.checkNow());
                        }
                        JsonNode next = page.at("/pageInfo/nextCursor");
                        if (next.isMissingNode()) break;
                        page = JSON.readTree(client.get("/api/catalog/entities/by-query?limit=10&cursor="
                                + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8)).body().string());
                    }
                    assertEquals(seen.size(), new HashSet<>(seen).size(), "no entity twice: " + seen);
                    for (int i = 0; i < 100; i += 2) {
                        assertTrue(seen.contains(String.format("table-%03d", i)), "table-" + i + " was skipped: " + seen);
                    }
                    assertTrue(seen.contains("table-099"), "an entity added after the cursor is reached");

                    var tampered = client.get("/api/catalog/entities/by-query?cursor="
                            + URLEncoder.encode(java.util.Base64.getEncoder().encodeToString(
                                    "{\"orderFields\":[],\"after\":[\"a\",\"b\",\"c\"]}".getBytes()), StandardCharsets.UTF_8));
                    assertEquals(400, tampered.code());
                    assertEquals("InputError", JSON.readTree(tampered.body().string()).at("/error/name").asText());
                });
            }
        }
    }
}

package dev.steward.search;

import static dev.steward.testing.Yaml.component;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three text searches over entities, {@code /api/entities?q=}, the entity hits of
 * {@code /api/search} and Backstage's {@code fullTextFilter}, find the same entities for the same
 * words: each word, case-insensitively, somewhere in the entity's ref, name, title, description,
 * type or tags.
 */
class TextSearchAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "orders-fact", Set.of("resource:default/orders-fact"),
            "KAFKA", Set.of("component:default/ingest"),
            "Finance", Set.of("resource:default/orders-fact"),
            "partitioned order", Set.of("resource:default/orders-fact"),
            "lakehouse", Set.of("group:default/lakehouse"),
            "able", Set.of("resource:default/daily-orders", "resource:default/orders-fact"));

    @Test
    void entitiesSearchAndBackstageFullTextFindTheSameEntities() {
        try (TestRepo repo = TestRepo.create(tmp)) {
            Catalog catalog = repo.manifest("all.yaml", group("lakehouse", "")
                    + resource("orders-fact", "type: iceberg-table\nowner: lakehouse").replace("  name: orders-fact",
                            "  name: orders-fact\n  title: Orders Fact\n  description: Order facts partitioned by day\n"
                                    + "  tags: [finance]")
                    + resource("daily-orders", "type: parquet-file\nowner: lakehouse").replace("  name: daily-orders",
                            "  name: daily-orders\n  description: Fact table of orders per day")
                    + component("ingest", "type: service\nowner: lakehouse").replace("  name: ingest",
                            "  name: ingest\n  title: Kafka Ingest\n  description: Streams payment events\n"
                                    + "  tags: [streaming]")).commitAndLoad();
            assertTrue(catalog.isValid(), () -> catalog.problems().toString());
            LiveCatalog live = new LiveCatalog(catalog, SyncStatus.starting("t", "main", 0));
            JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
                for (Map.Entry<String, Set<String>> query : EXPECTED.entrySet()) {
                    String q = query.getKey();
                    Set<String> entities = entitiesList(client, q);
                    assertEquals(query.getValue(), entities, "/api/entities?q=" + q);
                    assertEquals(entities, searchHits(client, q), "/api/search?q=" + q);
                    assertEquals(entities, backstageFullText(client, q), "fullTextFilterTerm=" + q);
                }
            });
        }
    }

    private static Set<String> entitiesList(HttpClient client, String q) throws Exception {
        Set<String> out = new TreeSet<>();
        get(client, "/api/entities?limit=1000&q=" + enc(q)).get("items").forEach(e -> out.add(e.get("ref").asText()));
        return out;
    }

    private static Set<String> searchHits(HttpClient client, String q) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode hit : get(client, "/api/search?limit=200&q=" + enc(q))) {
            if (hit.get("kind").asText().equals("entity")) out.add(hit.get("target").asText());
        }
        return out;
    }

    private static Set<String> backstageFullText(HttpClient client, String q) throws Exception {
        Set<String> out = new TreeSet<>();
        get(client, "/api/catalog/entities/by-query?limit=1000&fullTextFilterTerm=" + enc(q)).get("items")
                .forEach(e -> out.add(e.get("kind").asText().toLowerCase(Locale.ROOT) + ":"
                        + e.at("/metadata/namespace").asText() + "/" + e.at("/metadata/name").asText()));
        return out;
    }

    private static JsonNode get(HttpClient client, String path) throws Exception {
        var response = client.get(path);
        String body = response.body().string();
        assertEquals(200, response.code(), path + ": " + body);
        return JSON.readTree(body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

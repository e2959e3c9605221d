package dev.steward.http;

import static dev.steward.testing.Yaml.component;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.system;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over a small catalog loaded from a real repository: shapes, filters, errors. */
class ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    LiveCatalog live;

    @BeforeEach
    void setUp() {
        try (TestRepo repo = TestRepo.create(tmp)) {
            StringBuilder tables = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                tables.append(resource(String.format("table-%02d", i), "type: iceberg-table\nowner: "
                        + (i % 2 == 0 ? "lakehouse" : "analytics") + (i < 5 ? "\nsystem: payments" : "")));
            }
            Catalog catalog = repo.manifest("org.yaml", group("lakehouse", "members: [alice, bob]")
                            + group("analytics", "members: [erin]") + user("alice") + user("bob") + user("erin"))
                    .manifest("assets.yaml", system("payments", "owner: lakehouse") + tables
                            + component("sink", "type: flink-job\nowner: analytics\nsystem: payments\n"
                            + "dependsOn: [resource:table-00]"))
                    .manifest("rules.yaml", responsibility("partition-evolution",
                            "type: change\nappliesTo: [resource:iceberg-table]\nrunbook: pe.md")
                            + responsibility("checkpoint-health", "type: duty\nappliesTo: [component:flink-job]")
                            + policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [owner]\n    responsible: [owner]")
                            + policy("payments", "scope: system:payments\nrules:\n  - for: [partition-evolution]\n"
                            + "    approvers: [{ref: group:lakehouse, min: 2}, consumers]"))
                    .runbook("pe.md", "# Partition evolution\n")
                    .commitAndLoad();
            assertTrue(catalog.isValid(), () -> catalog.problems().toString());
            live = new LiveCatalog(catalog, SyncStatus.starting("test", "main", 0));
        }
    }

    private static JsonNode json(Response response) throws Exception {
        return JSON.readTree(response.body().string());
    }

    @Test
    void whoAnswersTheContractShape() {
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            Response response = client.get("/api/who?entity=Resource:Table-00&responsibility=partition-evolution");
            assertEquals(200, response.code());
            JsonNode who = json(response);
            List<String> fields = new ArrayList<>();
            who.fieldNames().forEachRemaining(fields::add);
            assertTrue(fields.containsAll(List.of("entity", "responsibility", "status", "owner", "approvers",
                    "responsible", "consulted", "informed", "runbook", "commit")), fields.toString());
            assertEquals("resource:default/table-00", who.get("entity").asText());
            assertEquals("ok", who.get("status").asText());
            assertEquals("pe.md", who.get("runbook").asText());
            assertEquals(live.current().commit(), who.get("commit").asText());
            JsonNode lakehouse = who.get("approvers").get(0);
            assertEquals("group:default/lakehouse", lakehouse.get("ref").asText());
            assertEquals(2, lakehouse.get("min").asInt());
            assertEquals("user:default/alice", lakehouse.get("members").get(0).asText());
            assertEquals(2, lakehouse.get("via").size());
            assertEquals("system:default/payments", lakehouse.get("via").get(0).get("scope").asText());
            JsonNode analytics = who.get("approvers").get(1);
            assertEquals("group:default/analytics", analytics.get("ref").asText());
            assertEquals("consumers", analytics.get("via").get(0).get("token").asText());
        });
    }

    @Test
    void whoAcceptsAUniqueBareName() {
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            JsonNode who = json(client.get("/api/who?entity=sink&responsibility=checkpoint-health"));
            assertEquals("component:default/sink", who.get("entity").asText());
            assertEquals("group:default/analytics", who.get("responsible").get(0).get("ref").asText());
        });
    }

    @Test
    void whoErrorsAreJsonWithTheRightStatus() {
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            Response malformed = client.get("/api/who?entity=resource:a:b&responsibility=create");
            assertEquals(400, malformed.code());
            assertTrue(json(malformed).get("message").asText().contains("not of the form"));
            Response noKind = client.get("/api/who?entity=component:&responsibility=create");
            assertEquals(400, noKind.code());
            Response missing = client.get("/api/who?responsibility=create");
            assertEquals(400, missing.code());
            assertTrue(json(missing).get("message").asText().contains("'entity' is required"));
            Response unknownEntity = client.get("/api/who?entity=resource:table-99&responsibility=create");
            assertEquals(404, unknownEntity.code());
            assertTrue(json(unknownEntity).get("message").asText().contains("did you mean"), "suggests near names");
            Response unknownResponsibility = client.get("/api/who?entity=resource:table-00&responsibility=nope");
            assertEquals(404, unknownResponsibility.code());
            assertEquals("Not Found", json(unknownResponsibility).get("error").asText());
            assertEquals(404, client.get("/api/nothing-here").code());
            assertTrue(json(client.get("/api/nothing-here")).get("message").asText().contains("no such endpoint"));
        });
    }

    @Test
    void entitiesArePagedAndFiltered() {
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            JsonNode page = json(client.get("/api/entities?kind=resource&limit=10&offset=10"));
            assertEquals(30, page.get("total").asInt());
            assertEquals(10, page.get("items").size());
            assertEquals("resource:default/table-10", page.get("items").get(0).get("ref").asText());
            assertEquals(15, json(client.get("/api/entities?owner=lakehouse&type=iceberg-table")).get("total").asInt());
            assertEquals(6, json(client.get("/api/entities?system=payments")).get("total").asInt());
            assertEquals(5, json(client.get("/api/entities?q=TABLE-2&kind=resource&owner=group:lakehouse")).get("total")
                    .asInt(), "table-20, 22, 24, 26, 28");
            JsonNode search = json(client.get("/api/entities?q=sink"));
            assertEquals("component:default/sink", search.get("items").get(0).get("ref").asText());
            assertEquals(400, client.get("/api/entities?limit=0").code());
            assertEquals(400, client.get("/api/entities?limit=abc").code());
        });
    }

    @Test
    void entityPageHasRelationsLineageAndEveryApplicableResponsibility() {
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            JsonNode page = json(client.get("/api/entities/resource/default/table-00"));
            assertEquals("resource:default/table-00", page.get("ref").asText());
            assertEquals("Resource", page.get("entity").get("kind").asText());
            assertTrue(page.get("source").asText().startsWith("catalog-yaml/assets.yaml:"));
            List<String> relations = new ArrayList<>();
            page.get("relations").forEach(r -> relations.add(r.get("type").asText() + " " + r.get("targetRef").asText()));
            assertTrue(relations.contains("ownedBy group:default/lakehouse"), relations.toString());
            assertTrue(relations.contains("partOf system:default/payments"), relations.toString());
            assertTrue(relations.contains("dependencyOf component:default/sink"), relations.toString());
            assertEquals("component:default/sink", page.get("consumers").get(0).asText());
            List<String> names = new ArrayList<>();
            page.get("responsibilities").forEach(r -> names.add(r.get("responsibility").asText()));
            assertEquals(List.of("create", "delete", "metadata-change", "ownership-transfer", "partition-evolution",
                    "policy-change", "readiness-waiver"), names);
            assertEquals(404, client.get("/api/entities/resource/default/nope").code());
        });
    }

    @Test
    void groupDutiesListWhatTheTeamOwnsApprovesAndHandles() {
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            JsonNode duties = json(client.get("/api/groups/analytics/duties"));
            assertEquals("group:default/analytics", duties.get("group").asText());
            assertEquals(16, duties.get("owns").size(), "15 tables and the sink");
            List<String> approves = new ArrayList<>();
            duties.get("approves").forEach(a -> approves.add(a.get("entity").asText() + " " + a.get("responsibility").asText()));
            assertTrue(approves.contains("resource:default/table-00 partition-evolution"),
                    "as owner of a consumer of table-00");
            assertTrue(approves.contains("resource:default/table-01 delete"));
            List<String> responsible = new ArrayList<>();
            duties.get("responsible").forEach(a -> responsible.add(a.get("entity").asText() + " " + a.get("responsibility").asText()));
            assertTrue(responsible.contains("component:default/sink checkpoint-health"), responsible.toString());
            assertEquals(404, client.get("/api/groups/nobody/duties").code());
        });
    }

    @Test
    void healthAndReadiness() {
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            assertEquals(200, client.get("/healthz").code());
            assertEquals(200, client.get("/readyz").code());
            assertTrue(client.get("/").body().string().contains("<title>Steward"));
        });
    }
}

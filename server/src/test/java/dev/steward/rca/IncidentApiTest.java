package dev.steward.rca;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.SyncSettings;
import dev.steward.http.ApiTokens;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.store.Database;
import dev.steward.testing.TestDatabases;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The incidents API against a started server and a real SQLite file. */
@ParameterizedClass
@EnumSource(TestDatabases.Kind.class)
class IncidentApiTest {
    private static final String TOKEN = "test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final String CATALOG = group("lakehouse", "members: [dana]") + group("sre", "members: [gus, hana]")
            + group("platform", "children: [lakehouse]") + user("dana") + user("gus") + user("hana") + user("carl", "platform")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse")
            + resource("orders-daily", "type: iceberg-table\nowner: lakehouse\ndependsOn: [resource:orders-fact]")
            + responsibility("incident-rca", "type: duty")
            + responsibility("partition-evolution", "type: change\nappliesTo: [resource:iceberg-table]\n"
            + "detect: [spec.partitioning]")
            + policy("defaults", "rules:\n  - for: [create, delete, metadata-change]\n    approvers: [owner]\n"
            + "  - for: [incident-rca]\n    responsible: [owner]\n    approvers: [{ref: group:sre, min: 2}]\n"
            + "  - for: [partition-evolution]\n    approvers: [owner]\n    blockIfOverdue: true");

    @Parameter
    TestDatabases.Kind store;
    @TempDir
    Path tmp;
    TestRepo repo;
    TestDatabases.TestDb testDb;
    Database db;
    LiveCatalog live;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.create(tmp);
        repo.manifest("all.yaml", CATALOG).commit("main");
        live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        testDb = TestDatabases.open(store, tmp);
        db = testDb.db();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        testDb.close();
    }

    private AppContext app(CommitCatalogs commits) {
        IncidentService service = new IncidentService(db, live, Clock.fixed(NOW, ZoneOffset.UTC), ActionSla.DEFAULT);
        AppContext context = AppContext.builder(live).incidents(service).tokens(ApiTokens.of("ops", TOKEN)).build();
        return commits == null ? context : context.toBuilder().commits(commits).build();
    }

    private static JsonNode json(Response r) throws Exception {
        return JSON.readTree(r.body().string());
    }

    private static Response post(HttpClient client, String path, String body) {
        return client.post(path, body, r -> r.header("Authorization", "Bearer " + TOKEN));
    }

    private static Response patch(HttpClient client, String path, String body) {
        return client.patch(path, body, r -> r.header("Authorization", "Bearer " + TOKEN));
    }

    @Test
    void theMinimalBodyOpensAnIncidentWithItsRcaOwner() {
        JavalinTest.test(StewardApp.create(app(null)), (server, client) -> {
            Response created = post(client, "/api/incidents",
                    "{\"title\": \"Orders late\", \"severity\": \"SEV2\", \"entities\": [\"resource:orders-fact\"]}");
            assertEquals(201, created.code(), created.body().string());
            JsonNode incident = json(created);
            assertTrue(incident.get("id").asLong() > 0);
            assertEquals("open", incident.get("status").asText());
            JsonNode owner = incident.get("rcaOwner");
            assertEquals("group:default/lakehouse", owner.get("ref").asText());
            assertEquals("user:default/dana", owner.get("members").get(0).asText());
            assertEquals("ownershippolicy:default/defaults", owner.get("via").get(0).get("policy").asText());
            assertEquals("group:default/sre", incident.get("rcaReviewers").get(0).get("ref").asText());
            assertEquals(2, incident.get("rcaReviewers").get(0).get("min").asInt());
            assertEquals(live.current().commit(), incident.get("rcaCommit").asText());
            assertEquals(NOW.toString(), incident.get("detectedAt").asText());
        });
    }

    @Test
    void theLifecycleMovesForwardOnlyAndClosingNeedsTheReviewersSignOff() {
        JavalinTest.test(StewardApp.create(app(null)), (server, client) -> {
            long id = json(post(client, "/api/incidents", "{\"title\": \"t\", \"severity\": \"SEV1\", "
                    + "\"entities\": [\"orders-fact\"]}")).get("id").asLong();
            String path = "/api/incidents/" + id;
            Response skip = patch(client, path, "{\"status\": \"closed\"}");
            assertEquals(409, skip.code());
            assertTrue(json(skip).get("message").asText().contains("cannot go from open to closed; next: mitigated or resolved"));
            assertEquals("mitigated", json(patch(client, path, "{\"status\": \"mitigated\"}")).get("status").asText());
            assertEquals(409, patch(client, path, "{\"status\": \"open\"}").code(), "no way back");
            JsonNode resolved = json(patch(client, path, "{\"status\": \"resolved\", \"summary\": \"Backlog drained\", "
                    + "\"rootCauses\": [\"checkpoint timeouts\"], \"timeline\": [{\"at\": \"2026-11-24T02:14:00Z\", "
                    + "\"text\": \"lag alert fired\"}]}"));
            assertEquals("resolved", resolved.get("status").asText());
            assertEquals(NOW.toString(), resolved.get("resolvedAt").asText());
            assertEquals("checkpoint timeouts", resolved.get("rootCauses").get(0).asText());
            assertEquals("postmortem", json(patch(client, path, "{\"status\": \"postmortem\"}")).get("status").asText());
            Response unsigned = patch(client, path, "{\"status\": \"closed\"}");
            assertEquals(409, unsigned.code());
            assertTrue(json(unsigned).get("message").asText().contains("group:default/sre needs 2 more"), unsigned.body().string());
            assertEquals(400, patch(client, path, "{\"signOff\": \"user:dana\"}").code(), "dana is not a reviewer");
            patch(client, path, "{\"signOff\": \"user:gus\"}");
            assertEquals(409, patch(client, path, "{\"status\": \"closed\"}").code(), "min 2");
            patch(client, path, "{\"signOff\": \"hana\"}");
            JsonNode closed = json(patch(client, path, "{\"status\": \"closed\"}"));
            assertEquals("closed", closed.get("status").asText());
            assertEquals(2, closed.get("signOffs").size());
            List<String> timeline = new ArrayList<>();
            closed.get("timeline").forEach(t -> timeline.add(t.get("text").asText()));
            assertEquals("lag alert fired", timeline.get(0), "ordered by time: " + timeline);
            assertTrue(timeline.contains("status postmortem → closed"), timeline.toString());
            assertEquals(409, patch(client, path, "{\"status\": \"open\"}").code(), "closed is final");
            String postmortem = client.get(path + "/postmortem.md").body().string();
            assertTrue(postmortem.startsWith("# Postmortem: t (incident " + id + ")"), postmortem);
            for (String section : List.of("## Summary", "## Impact", "## Root Causes", "## Trigger", "## Resolution",
                    "## Detection", "## Action Items", "## Lessons Learned", "## Timeline")) {
                assertTrue(postmortem.contains(section), section);
            }
            assertTrue(postmortem.contains("- checkpoint timeouts"));
        });
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        JavalinTest.test(StewardApp.create(app(null)), (server, client) -> {
            assertField(post(client, "/api/incidents", "{\"severity\": \"SEV2\", \"entities\": [\"orders-fact\"]}"), "title");
            assertField(post(client, "/api/incidents", "{\"title\": \"t\", \"severity\": \"SEV5\", \"entities\": [\"orders-fact\"]}"),
                    "severity");
            assertField(post(client, "/api/incidents", "{\"title\": \"t\", \"severity\": \"SEV2\"}"), "entities");
            assertField(post(client, "/api/incidents", "{\"title\": \"t\", \"severity\": \"SEV2\", "
                    + "\"entities\": [\"orders-fact\", \"resource:nope\"]}"), "entities[1]");
            assertField(post(client, "/api/incidents", "{\"title\": \"t\", \"severity\": \"SEV2\", "
                    + "\"entities\": [\"orders-fact\"], \"startedAt\": \"yesterday\"}"), "startedAt");
            assertEquals(400, post(client, "/api/incidents", "not json").code());
            long id = json(post(client, "/api/incidents", "{\"title\": \"t\", \"severity\": \"SEV3\", "
                    + "\"entities\": [\"orders-fact\"]}")).get("id").asLong();
            assertField(post(client, "/api/incidents/" + id + "/actions", "{\"title\": \"x\", \"owner\": \"ghosts\"}"), "owner");
            assertField(post(client, "/api/incidents/" + id + "/actions", "{\"title\": \"x\", \"owner\": \"lakehouse\", "
                    + "\"priority\": \"P9\"}"), "priority");
            assertField(post(client, "/api/incidents/" + id + "/actions", "{\"title\": \"x\", \"owner\": \"lakehouse\", "
                    + "\"link\": \"javascript:alert(1)\"}"), "link");
            assertEquals(404, client.get("/api/incidents/999").code());
        });
    }

    private static void assertField(Response response, String field) throws Exception {
        assertEquals(400, response.code(), response.body().string());
        JsonNode body = json(response);
        assertEquals(field, body.get("field").asText());
        assertTrue(body.get("message").asText().startsWith(field + ":"), body.toString());
    }

    @Test
    void writesNeedATokenAndEveryWriteIsAudited() {
        JavalinTest.test(StewardApp.create(app(null)), (server, client) -> {
            String body = "{\"title\": \"t\", \"severity\": \"SEV2\", \"entities\": [\"orders-fact\"]}";
            assertEquals(401, client.post("/api/incidents", body).code());
            assertEquals(401, client.post("/api/incidents", body, r -> r.header("Authorization", "Bearer wrong")).code());
            assertEquals(401, client.post("/api/incidents", body, r -> r.header("Authorization", TOKEN)).code());
            long id = json(post(client, "/api/incidents", body)).get("id").asLong();
            post(client, "/api/incidents/" + id + "/actions", "{\"title\": \"x\", \"owner\": \"lakehouse\"}");
            patch(client, "/api/incidents/" + id, "{\"status\": \"mitigated\"}");
            assertEquals(401, client.patch("/api/incidents/" + id, "{\"status\": \"resolved\"}").code());
            assertEquals(200, client.get("/api/incidents/" + id).code(), "reads need no token");
        });
        List<String> audit = db.read(h -> h.createQuery("SELECT actor || ' ' || action || ' ' || target FROM audit ORDER BY id")
                .mapTo(String.class).list());
        assertEquals(List.of("ops incident.create incident/1", "ops action.create incident/1/action/1",
                "ops incident.update incident/1"), audit);
    }

    @Test
    void overdueActionsAreFoundThroughGroupMembershipAndBlockChanges() throws Exception {
        try (var git = repo.open()) {
            CommitCatalogs commits = new CommitCatalogs(git, new SyncSettings("main", "catalog-yaml", "runbooks",
                    Duration.ZERO, 1 << 20, 0), new ManifestLoader(), live);
            repo.branch("feature");
            String repartitioned = CATALOG.replace(resource("orders-fact", "type: iceberg-table\nowner: lakehouse"),
                    resource("orders-fact", "type: iceberg-table\nowner: lakehouse\npartitioning: [\"days(ts)\"]"));
            assertFalse(repartitioned.equals(CATALOG));
            repo.manifest("all.yaml", repartitioned).commit("repartition");
            JavalinTest.test(StewardApp.create(app(commits)), (server, client) -> {
                long id = json(post(client, "/api/incidents", "{\"title\": \"Orders late\", \"severity\": \"SEV2\", "
                        + "\"entities\": [\"orders-fact\", \"orders-daily\"]}")).get("id").asLong();
                JsonNode late = json(post(client, "/api/incidents/" + id + "/actions",
                        "{\"title\": \"Alert on lag\", \"owner\": \"lakehouse\", \"priority\": \"P1\", \"dueDate\": \"2026-11-20\"}"));
                assertTrue(late.get("overdue").asBoolean());
                JsonNode defaulted = json(post(client, "/api/incidents/" + id + "/actions",
                        "{\"title\": \"Runbook\", \"owner\": \"user:carl\", \"priority\": \"P3\"}"));
                assertEquals("2027-02-22", defaulted.get("due").asText(), "P3: 90 days from 2026-11-24");
                assertFalse(defaulted.get("overdue").asBoolean());

                assertEquals(1, json(client.get("/api/actions?overdue=true&owner=group:platform")).size(),
                        "lakehouse is a sub-team of platform");
                assertEquals(1, json(client.get("/api/actions?owner=user:dana&overdue=true")).size(), "dana is in lakehouse");
                assertEquals(2, json(client.get("/api/actions?owner=group:platform")).size(), "carl is in platform");
                assertEquals(0, json(client.get("/api/actions?overdue=true&owner=group:sre")).size());

                JsonNode who = json(client.get("/api/who?entity=resource:orders-fact&responsibility=partition-evolution"));
                assertTrue(who.get("blocked").asBoolean());
                assertEquals("Alert on lag", who.get("blockers").get(0).get("title").asText());
                assertEquals(id, who.get("blockers").get(0).get("incident").asLong());
                JsonNode unrelated = json(client.get("/api/who?entity=resource:orders-fact&responsibility=delete"));
                assertFalse(unrelated.get("blocked").asBoolean(), "only rules with blockIfOverdue block");
                assertEquals(1, unrelated.get("blockers").size(), "but the blockers are still reported");

                JsonNode plan = json(client.get("/api/plan?base=main&head=feature&approvedBy=user:dana"));
                JsonNode change = plan.get("changes").get(0);
                assertEquals("partition-evolution", change.get("responsibility").asText());
                assertFalse(change.get("satisfied").asBoolean());
                assertTrue(change.get("note").asText().contains("blocked by 1 overdue incident follow-up"));

                patch(client, "/api/incidents/" + id + "/actions/" + late.get("id").asLong(), "{\"status\": \"done\"}");
                assertTrue(json(client.get("/api/plan?base=main&head=feature&approvedBy=user:dana")).get("satisfied")
                        .asBoolean());
                assertFalse(json(client.get("/api/who?entity=orders-fact&responsibility=partition-evolution"))
                        .get("blocked").asBoolean());

                assertEquals(1, json(client.get("/api/incidents?entity=resource:orders-daily&status=open")).size());
                assertEquals(0, json(client.get("/api/incidents?entity=resource:orders-daily&status=closed")).size());
                assertEquals(400, client.get("/api/incidents?status=sideways").code());
            });
        }
    }
}

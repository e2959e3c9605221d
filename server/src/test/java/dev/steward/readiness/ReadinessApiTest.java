package dev.steward.readiness;

import static dev.steward.testing.Yaml.checklist;
import static dev.steward.testing.Yaml.component;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.system;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.git.AttestationVoids;
import dev.steward.git.CatalogRepository;
import dev.steward.http.ApiTokens;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.testing.TestDatabases;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Readiness over HTTP against a started server, a Git repository and a real store (SQLite, and
 * PostgreSQL where one is reachable): every check status, levels and the gate, scope replacement,
 * dueBy, eligibility and bad input.
 */
@ParameterizedClass
@EnumSource(TestDatabases.Kind.class)
public class ReadinessApiTest {
    private static final String ANA = "ana-token-0123456789";
    private static final String BO = "bo-token-0123456789";
    private static final String CY = "cy-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    public static final String TEAMS = group("streaming", "members: [ana]") + group("governance", "members: [bo]")
            + group("outsiders", "members: [cy]")
            + system("payments", "owner: streaming")
            + responsibility("checkpoint-health", "type: duty\nappliesTo: [component:flink-job]")
            + responsibility("incident-rca", "type: duty")
            + policy("global", "rules:\n  - for: [create, delete, metadata-change]\n    approvers: [owner]\n"
                    + "  - for: [checkpoint-health, incident-rca]\n    responsible: [owner]\n"
                    + "  - for: [readiness-waiver]\n    approvers: [group:governance]\n    inherit: false");
    public static final String ORG = TEAMS + user("ana") + user("bo") + user("cy");
    public static final String CHECKLIST = checklist("streaming-job", """
            appliesTo: [component:flink-job]
            levels: [bronze, silver, gold]
            gate: bronze
            checks:
              - id: checkpointing-declared
                level: bronze
                rule: has(entity.spec.checkpointing) && has(entity.spec.checkpointing.interval)
              - id: interval-within-timeout
                level: silver
                rule: duration(entity.spec.checkpointing.interval) < duration(entity.spec.checkpointing.timeout)
              - id: rca-owner
                level: silver
                rule: who('incident-rca') == 'ok'
              - id: restore-tested
                level: gold
                attest: {by: "responsible:checkpoint-health", validFor: 30d, voidOn: [spec.flinkVersion]}
              - id: failure-injection
                level: gold
                attest: {by: owner, validFor: 1h}
              - id: future-check
                level: bronze
                effectiveFrom: 2027-06-01
                rule: "false"
            """);
    public static final String JOBS = component("good-job", """
            type: flink-job
            owner: streaming
            system: payments
            flinkVersion: "1.20.1"
            checkpointing: {interval: 60s, timeout: 10m}
            """) + component("slow-job", """
            type: flink-job
            owner: streaming
            checkpointing: {interval: 20m, timeout: 10m}
            """) + component("bare-job", """
            type: flink-job
            owner: streaming
            """);

    @Parameter
    TestDatabases.Kind store;
    @TempDir
    Path tmp;
    TestRepo repo;
    TestDatabases.TestDb testDb;
    LiveCatalog live;
    MovableClock clock;
    ReadinessService service;
    CatalogRepository repository;

    /** A clock a test moves forward, as time passes for a running server. */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.create(tmp);
        repo.manifest("org.yaml", ORG).manifest("readiness.yaml", CHECKLIST).manifest("jobs.yaml", JOBS).commit("main");
        live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        assertTrue(live.current().isValid(), () -> live.current().problems().toString());
        testDb = TestDatabases.open(store, tmp);
        clock = new MovableClock(T0);
        repository = repo.open();
        service = new ReadinessService(testDb.db(), live, clock, new AttestationVoids(repository, "catalog-yaml"));
    }

    @AfterEach
    void tearDown() {
        repository.close();
        repo.close();
        testDb.close();
    }

    private io.javalin.Javalin app() {
        ApiTokens tokens;
        try {
            tokens = ApiTokens.load("ana=" + ANA + ",bo=" + BO + ",cy=" + CY, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return StewardApp.create(AppContext.builder(live).tokens(tokens)
                .readiness(AppContext.Readiness.of(service)).build());
    }

    static JsonNode json(Response r) throws Exception {
        return JSON.readTree(r.body().string());
    }

    static Response post(HttpClient client, String path, String token, String body) {
        return client.post(path, body, r -> r.header("Authorization", "Bearer " + token));
    }

    static JsonNode check(JsonNode readiness, String id) {
        for (JsonNode c : readiness.get("checklists").get(0).get("checks")) {
            if (c.get("id").asText().equals(id)) return c;
        }
        throw new AssertionError("no check " + id + " in " + readiness);
    }

    private static JsonNode readiness(HttpClient client, String entity) throws Exception {
        Response r = client.get("/api/readiness?entity=" + entity);
        assertEquals(200, r.code());
        return json(r);
    }

    private static String attestBody(String entity, String check) {
        return "{\"entity\": \"" + entity + "\", \"checklist\": \"streaming-job\", \"check\": \"" + check
                + "\", \"evidence\": \"https://tickets.example/T-1\", \"note\": \"drill on staging\"}";
    }

    @Test
    void rulesPassFailAndErrorAndTheLevelStopsAtTheFirstUnmetLevel() throws Exception {
        JavalinTest.test(app(), (server, client) -> {
            JsonNode good = readiness(client, "component:good-job");
            assertEquals("pass", check(good, "checkpointing-declared").get("status").asText());
            assertEquals("pass", check(good, "interval-within-timeout").get("status").asText());
            assertEquals("pass", check(good, "rca-owner").get("status").asText());
            assertEquals("pending", check(good, "restore-tested").get("status").asText());
            assertEquals("silver", good.get("level").asText());
            assertTrue(good.get("ready").asBoolean());

            JsonNode slow = readiness(client, "component:slow-job");
            assertEquals("fail", check(slow, "interval-within-timeout").get("status").asText());
            assertEquals("group:default/streaming", check(slow, "interval-within-timeout").get("mustAct").get(0)
                    .get("ref").asText());
            assertEquals("bronze", slow.get("level").asText());

            JsonNode bare = readiness(client, "component:bare-job");
            assertEquals("fail", check(bare, "checkpointing-declared").get("status").asText());
            JsonNode error = check(bare, "interval-within-timeout");
            assertEquals("error", error.get("status").asText());
            assertTrue(error.get("message").asText().contains("checkpointing"), error.toString());
            assertFalse(bare.hasNonNull("level"), "below the lowest level: no level");
            assertFalse(bare.get("ready").asBoolean());
        });
    }

    @Test
    void aCheckNotYetEffectiveIsShownButDoesNotCount() throws Exception {
        JavalinTest.test(app(), (server, client) -> {
            JsonNode future = check(readiness(client, "component:good-job"), "future-check");
            assertEquals("fail", future.get("status").asText());
            assertFalse(future.get("counts").asBoolean());
            assertEquals("2027-06-01", future.get("effectiveFrom").asText());
        });
        clock.now = Instant.parse("2027-06-01T00:00:00Z");
        JavalinTest.test(app(), (server, client) -> {
            JsonNode good = readiness(client, "component:good-job");
            assertTrue(check(good, "future-check").get("counts").asBoolean());
            assertFalse(good.get("ready").asBoolean(), "a counted failing bronze check takes the level away");
        });
    }

    @Test
    void attestationsPassThenExpire() throws Exception {
        JavalinTest.test(app(), (server, client) -> {
            Response r = post(client, "/api/readiness/attestations", ANA, attestBody("good-job", "failure-injection"));
            assertEquals(201, r.code(), r.body().string());
            JsonNode passed = check(readiness(client, "component:good-job"), "failure-injection");
            assertEquals("pass", passed.get("status").asText());
            assertEquals("user:default/ana", passed.get("attestation").get("actor").asText());
            assertEquals("https://tickets.example/T-1", passed.get("attestation").get("evidence").asText());
            assertEquals(T0.plus(Duration.ofHours(1)).toString(), passed.get("attestation").get("expiresAt").asText());
            clock.now = T0.plus(Duration.ofMinutes(61));
            assertEquals("expired", check(readiness(client, "component:good-job"), "failure-injection")
                    .get("status").asText());
        });
    }

    @Test
    void anAttestationIsVoidOnceAVoidOnPathChangesInALaterCommitEvenIfReverted() throws Exception {
        JavalinTest.test(app(), (server, client) -> {
            assertEquals(201, post(client, "/api/readiness/attestations", ANA,
                    attestBody("good-job", "restore-tested")).code());
            assertEquals("pass", check(readiness(client, "good-job"), "restore-tested").get("status").asText());
            // An unrelated edit leaves it valid.
            repo.manifest("jobs.yaml", JOBS.replace("timeout: 10m}\n", "timeout: 9m}\n"));
            live.offer(repo.commitAndLoad());
            assertEquals("pass", check(readiness(client, "good-job"), "restore-tested").get("status").asText());
            // An upgrade voids it; reverting the upgrade does not bring it back (the restore was not retested).
            repo.manifest("jobs.yaml", JOBS.replace("1.20.1", "2.0.0"));
            String upgrade = repo.commit("upgrade").name();
            repo.manifest("jobs.yaml", JOBS);
            live.offer(repo.commitAndLoad());
            JsonNode restore = check(readiness(client, "good-job"), "restore-tested");
            assertEquals("void", restore.get("status").asText(), restore.toString());
            assertEquals(upgrade, restore.get("attestation").get("voidedBy").get("commit").asText());
            assertEquals("spec.flinkVersion", restore.get("attestation").get("voidedBy").get("path").asText());
        });
    }

    @Test
    void waiversCountAsMetUntilTheirEndAndOnlyWaiverApproversMayGiveThem() throws Exception {
        JavalinTest.test(app(), (server, client) -> {
            String body = "{\"entity\": \"bare-job\", \"checklist\": \"streaming-job\", \"check\": "
                    + "\"checkpointing-declared\", \"reason\": \"migrating to the operator\", \"until\": \"2026-12-10\"}";
            Response refused = post(client, "/api/readiness/waivers", ANA, body);
            assertEquals(403, refused.code());
            assertTrue(json(refused).get("message").asText().contains("group:default/governance"));
            assertEquals(201, post(client, "/api/readiness/waivers", BO, body).code());
            JsonNode waived = check(readiness(client, "bare-job"), "checkpointing-declared");
            assertEquals("waived", waived.get("status").asText());
            assertEquals("user:default/bo", waived.get("waiver").get("actor").asText());
            assertEquals(0, waived.get("mustAct").size());
            clock.now = Instant.parse("2026-12-11T00:00:00Z");
            assertEquals("fail", check(readiness(client, "bare-job"), "checkpointing-declared").get("status").asText());
        });
    }

    @Test
    void onlyEligibleMembersMayAttest() throws Exception {
        JavalinTest.test(app(), (server, client) -> {
            Response r = post(client, "/api/readiness/attestations", CY, attestBody("good-job", "restore-tested"));
            assertEquals(403, r.code());
            assertTrue(json(r).get("message").asText().contains("responsible:checkpoint-health"), r.body().string());
            Response anonymous = client.post("/api/readiness/attestations", attestBody("good-job", "restore-tested"));
            assertEquals(401, anonymous.code());
            assertNull(service.evidence().attestation(dev.steward.catalog.model.EntityRef.parse("component:good-job"),
                    "streaming-job", "restore-tested"));
        });
    }

    @Test
    void badInputIsA400NamingTheFieldAndUnknownNamesA404() throws Exception {
        JavalinTest.test(app(), (server, client) -> {
            assertField(post(client, "/api/readiness/attestations", ANA,
                    attestBody("good-job", "restore-tested").replace("https://tickets.example/T-1", "javascript:alert(1)")),
                    "evidence");
            assertField(post(client, "/api/readiness/attestations", ANA,
                    attestBody("good-job", "checkpointing-declared")), "check");
            assertField(post(client, "/api/readiness/attestations", ANA, "{\"entity\": \"good-job\"}"), "checklist");
            assertField(post(client, "/api/readiness/waivers", BO, "{\"entity\": \"good-job\", \"checklist\": "
                    + "\"streaming-job\", \"check\": \"rca-owner\", \"reason\": \"x\", \"until\": \"2026-11-01\"}"), "until");
            assertField(post(client, "/api/readiness/waivers", BO, "{\"entity\": \"good-job\", \"checklist\": "
                    + "\"streaming-job\", \"check\": \"rca-owner\", \"reason\": \"x\", \"until\": \"soon\"}"), "until");
            assertEquals(400, post(client, "/api/readiness/attestations", ANA, "[1, 2").code());
            assertEquals(404, post(client, "/api/readiness/attestations", ANA, attestBody("nope-job", "restore-tested")).code());
            assertEquals(404, post(client, "/api/readiness/attestations", ANA, attestBody("good-job", "nope")).code());
            assertEquals(404, post(client, "/api/readiness/attestations", ANA,
                    attestBody("good-job", "restore-tested").replace("streaming-job", "nope")).code());
            assertEquals(400, client.get("/api/readiness?ready=maybe").code());
            assertEquals(0, service.evidence().attestations().size(), "nothing is half-written");
        });
    }

    private static void assertField(Response r, String field) throws Exception {
        String body = r.body().string();
        assertEquals(400, r.code(), body);
        assertEquals(field, JSON.readTree(body).get("field").asText(), body);
    }

    @Test
    void theListFiltersByChecklistOwnerAndReadinessWithLevelCounts() throws Exception {
        JavalinTest.test(app(), (server, client) -> {
            JsonNode all = json(client.get("/api/readiness?checklist=streaming-job"));
            assertEquals(3, all.get("total").asInt());
            assertEquals(1, all.get("levels").get("none").asInt());
            assertEquals(1, all.get("levels").get("bronze").asInt());
            assertEquals(1, all.get("levels").get("silver").asInt());
            assertEquals("pass", all.get("items").get(1).get("checks").get("checkpointing-declared").asText());
            JsonNode notReady = json(client.get("/api/readiness?ready=false&owner=streaming"));
            assertEquals(1, notReady.get("total").asInt());
            assertEquals("component:default/bare-job", notReady.get("items").get(0).get("entity").asText());
            assertEquals(0, json(client.get("/api/readiness?owner=group:governance")).get("total").asInt());
        });
    }

    @Test
    void aScopedChecklistReplacesTheGlobalOneUnderItsScopeOnly() throws Exception {
        repo.manifest("payments.yaml", checklist("payments-job", """
                appliesTo: [component:flink-job]
                scope: system:payments
                replaces: streaming-job
                checks:
                  - id: pci-reviewed
                    rule: "'pci' in entity.metadata.tags"
                """));
        live.offer(repo.commitAndLoad());
        assertTrue(live.current().isValid(), () -> live.current().problems().toString());
        JavalinTest.test(app(), (server, client) -> {
            JsonNode good = readiness(client, "good-job");
            assertEquals(1, good.get("checklists").size());
            assertEquals("payments-job", good.get("checklists").get(0).get("checklist").asText());
            assertEquals("error", check(good, "pci-reviewed").get("status").asText(), "no tags: the rule cannot read them");
            assertEquals("required", good.get("checklists").get(0).get("gate").asText());
            JsonNode bare = readiness(client, "bare-job");
            assertEquals("streaming-job", bare.get("checklists").get(0).get("checklist").asText(), "outside the scope");
        });
    }
}

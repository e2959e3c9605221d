package dev.steward.readiness;

import static dev.steward.testing.Yaml.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.model.EntityRef;
import dev.steward.chatops.ChatOps;
import dev.steward.chatops.ChatUser;
import dev.steward.chatops.SlackDirectory;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.store.Database;
import dev.steward.testing.TestRepo;
import dev.steward.webhooks.Hmac;
import io.javalin.testtools.JavalinTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness in chat: {@code readiness X} answers from the served index; {@code attest} from Slack
 * writes an attestation as the User entity the Slack identity maps to (by annotation, or by e-mail as
 * Slack's directory gives it), and refuses anyone else.
 */
class ReadinessChatTest {
    private static final String SECRET = "chat-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    /** Ana is found by her e-mail, Bo by his Slack annotation; Cy has neither. */
    private static final String PEOPLE = doc("User", "ana", "profile: {email: Ana@Example.com}\nmemberOf: [streaming]")
            + doc("User", "bo", "memberOf: [governance]").replace("  name: bo", "  name: bo\n  annotations: {slack.com/user-id: UBO}")
            + doc("User", "cy", "memberOf: [outsiders]");

    @TempDir
    Path tmp;
    TestRepo repo;
    LiveCatalog live;
    Database db;
    ReadinessService service;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.create(tmp);
        repo.manifest("org.yaml", ReadinessApiTest.TEAMS + PEOPLE).manifest("readiness.yaml", ReadinessApiTest.CHECKLIST)
                .manifest("jobs.yaml", ReadinessApiTest.JOBS).commit("main");
        live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        assertTrue(live.current().isValid(), () -> live.current().problems().toString());
        db = Database.openSqlite(tmp.resolve("steward.db"));
        service = new ReadinessService(db, live, Clock.fixed(NOW, ZoneOffset.UTC), Voids.BY_VALUE);
    }

    @AfterEach
    void tearDown() {
        db.close();
        repo.close();
    }

    private ChatOps chat() {
        SlackDirectory directory = id -> Optional.ofNullable(Map.of("UANA", "ana@example.com").get(id));
        return new ChatOps(live, null, "https://steward.example", service.live(), service, directory);
    }

    @Test
    void readinessSaysTheLevelWhatIsMissingAndWhoMustAct() {
        String text = chat().answer("readiness slow-job").text();
        assertTrue(text.startsWith("component:default/slow-job: ready"), text);
        assertTrue(text.contains("streaming-job: level bronze, gate bronze"), text);
        assertTrue(text.contains("interval-within-timeout (silver): fail — group:default/streaming"), text);
        String bare = chat().answer("readiness bare-job").text();
        assertTrue(bare.startsWith("component:default/bare-job: NOT READY"), bare);
        assertTrue(chat().answer("help").text().contains("readiness X"));
    }

    @Test
    void aSlackUserMappedByEmailAttestsAsTheirUserEntity() {
        String reply = chat().answer("attest good-job streaming-job/failure-injection https://ci.example/run/42 chaos drill",
                new ChatUser("UANA", "ana")).text();
        assertTrue(reply.startsWith("Attested failure-injection for component:default/good-job as user:default/ana: now pass"),
                reply);
        Attestation a = service.evidence().attestation(EntityRef.parse("component:good-job"), "streaming-job",
                "failure-injection");
        assertNotNull(a);
        assertEquals("https://ci.example/run/42", a.evidence(), "the link keeps its case");
        assertEquals("chaos drill", a.note());
    }

    @Test
    void attestIsRefusedWithoutAMappedIdentityOrEligibility() {
        assertTrue(chat().answer("attest good-job failure-injection https://ci.example/1").text()
                .startsWith("attest needs to know who you are"));
        assertTrue(chat().answer("attest good-job failure-injection https://ci.example/1", new ChatUser("UCY", "cy"))
                .text().contains("maps to no User in the catalog"));
        String refused = chat().answer("attest good-job failure-injection https://ci.example/1", new ChatUser("UBO", "bo"))
                .text();
        assertTrue(refused.startsWith("Not attested: user:default/bo may not attest failure-injection"), refused);
        assertNull(service.evidence().attestation(EntityRef.parse("component:good-job"), "streaming-job",
                "failure-injection"));
    }

    @Test
    void aSignedSlackCommandAttestsAsTheSlackUser() throws Exception {
        Clock slackTime = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
        AppContext context = AppContext.builder(live).readiness(AppContext.Readiness.of(service))
                .chat(new AppContext.Chat("https://steward.example", SECRET, slackTime,
                        id -> Optional.ofNullable(Map.of("UANA", "ana@example.com").get(id)))).build();
        JavalinTest.test(StewardApp.create(context), (server, client) -> {
            String command = "token=x&command=%2Fsteward&user_id=UANA&user_name=ana&text="
                    + URLEncoder.encode("attest good-job restore-tested https://wiki.example/Restore-Drill", StandardCharsets.UTF_8);
            String timestamp = "1800000000";
            String signature = "v0=" + Hmac.sha256Hex(SECRET, ("v0:" + timestamp + ":" + command).getBytes(StandardCharsets.UTF_8));
            var answered = client.post("/slack/commands", command, r -> r
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", timestamp).header("X-Slack-Signature", signature));
            String text = new ObjectMapper().readTree(answered.body().string()).get("text").asText();
            assertTrue(text.startsWith("Attested restore-tested"), text);
            assertEquals("pass", new ObjectMapper().readTree(client.get("/api/readiness?entity=good-job").body().string())
                    .get("checklists").get(0).get("checks").get(3).get("status").asText());
        });
    }
}

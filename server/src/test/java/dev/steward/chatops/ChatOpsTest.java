package dev.steward.chatops;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.system;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.rca.ActionSla;
import dev.steward.rca.AddAction;
import dev.steward.rca.CreateIncident;
import dev.steward.rca.IncidentService;
import dev.steward.store.Database;
import dev.steward.testing.TestRepo;
import dev.steward.webhooks.Hmac;
import io.javalin.testtools.JavalinTest;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat-ops commands over plain HTTP, and Slack's signed slash commands. */
class ChatOpsTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final String CATALOG = group("lakehouse", "members: [dana, emeka]").replace("  name: lakehouse",
            "  name: lakehouse\n  links: [{url: 'https://pager.example/lakehouse', title: On call},"
            + " {url: 'https://pager.example/esc?a=1|b', title: 'Escalate> <!channel>'}]")
            + group("streaming", "members: [alice]") + user("dana") + user("emeka") + user("alice")
            + system("orders", "owner: lakehouse")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse\nsystem: orders")
            + resource("orders-topic", "type: kafka-topic\nowner: streaming\nsystem: orders")
            + dev.steward.testing.Yaml.component("orders-fact", "type: flink-job\nowner: streaming")
            + responsibility("partition-evolution", "type: change\nappliesTo: [resource:iceberg-table]\nrunbook: pe.md")
            + responsibility("checkpoint-health", "type: duty\nappliesTo: [component:flink-job]")
            + policy("defaults", "rules:\n  - for: [partition-evolution]\n    approvers: [owner, {ref: streaming, min: 1}]\n"
            + "  - for: [checkpoint-health]\n    responsible: [owner]");

    @TempDir
    Path tmp;
    LiveCatalog live;
    IncidentService incidents;

    @BeforeEach
    void setUp() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", CATALOG).runbook("pe.md", "# PE\n").commit("main");
            live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        }
        incidents = new IncidentService(Database.openSqlite(tmp.resolve("db")), live,
                Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC), ActionSla.DEFAULT);
    }

    private ChatOps chat() {
        return new ChatOps(live, incidents, "https://steward.example/");
    }

    private String ask(String text) {
        return chat().answer(text).text();
    }

    private static byte[] slackBody() throws Exception {
        try (InputStream in = ChatOpsTest.class.getResourceAsStream("/vectors/slack-body.txt")) {
            return in.readAllBytes();
        }
    }

    @Test
    void slacksDocumentedSigningExampleVerifies() throws Exception {
        byte[] body = slackBody();
        assertEquals(SIGNATURE, "v0=" + Hmac.sha256Hex(SECRET, ("v0:" + TIMESTAMP + ":" + new String(body,
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        Clock then = Clock.fixed(Instant.ofEpochSecond(1531420618 + 30), ZoneOffset.UTC);
        assertTrue(new SlackRoutes(SECRET, chat(), then).verify(TIMESTAMP, body, SIGNATURE));
        assertFalse(new SlackRoutes(SECRET, chat(), Clock.systemUTC()).verify(TIMESTAMP, body, SIGNATURE),
                "with the real clock the 2018 request is stale");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("roadrunner", "coyote")
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(new SlackRoutes(SECRET, chat(), then).verify(TIMESTAMP, tampered, SIGNATURE));
        assertFalse(new SlackRoutes(SECRET, chat(), then).verify("1531420619", body, SIGNATURE), "timestamp is signed");
        assertFalse(new SlackRoutes(SECRET, chat(), then).verify(TIMESTAMP, body, SIGNATURE.toUpperCase()));
    }

    @Test
    void theExactDocumentedRequestIsAcceptedOverHttpAndAnsweredInBlockKit() throws Exception {
        byte[] body = slackBody();
        Clock then = Clock.fixed(Instant.ofEpochSecond(1531420618 + 5), ZoneOffset.UTC);
        AppContext context = AppContext.builder(live).incidents(incidents)
                .chat(new AppContext.Chat("https://steward.example", SECRET, then)).build();
        JavalinTest.test(StewardApp.create(context), (server, client) -> {
            var accepted = client.post("/slack/commands", new String(body, StandardCharsets.UTF_8), r -> r
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", TIMESTAMP).header("X-Slack-Signature", SIGNATURE));
            assertEquals(200, accepted.code(), accepted.body().string());
            JsonNode reply = new ObjectMapper().readTree(accepted.body().string());
            assertEquals("ephemeral", reply.get("response_type").asText());
            assertEquals("section", reply.get("blocks").get(0).get("type").asText());
            assertEquals("mrkdwn", reply.get("blocks").get(0).get("text").get("type").asText());
            assertTrue(reply.get("text").asText().startsWith("Steward answers"), "an empty text is help");

            var tampered = client.post("/slack/commands", new String(body, StandardCharsets.UTF_8) + "x", r -> r
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", TIMESTAMP).header("X-Slack-Signature", SIGNATURE));
            assertEquals(401, tampered.code());

            String command = "token=x&command=%2Fsteward&text=" + URLEncoder.encode("who approves partition-evolution on orders-fact",
                    StandardCharsets.UTF_8);
            String signature = "v0=" + Hmac.sha256Hex(SECRET, ("v0:" + TIMESTAMP + ":" + command).getBytes(StandardCharsets.UTF_8));
            var answered = client.post("/slack/commands", command, r -> r
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", TIMESTAMP).header("X-Slack-Signature", signature));
            String markdown = new ObjectMapper().readTree(answered.body().string()).get("blocks").get(0).get("text")
                    .get("text").asText();
            assertTrue(markdown.contains("<https://steward.example/teams/lakehouse|lakehouse>"), markdown);
            assertTrue(markdown.contains("<https://steward.example/runbooks/pe.md|pe.md>"), markdown);
        });
        AppContext live = AppContext.builder(this.live)
                .chat(new AppContext.Chat("https://s", SECRET, Clock.systemUTC())).build();
        JavalinTest.test(StewardApp.create(live), (server, client) -> assertEquals(401, client.post("/slack/commands",
                new String(body, StandardCharsets.UTF_8), r -> r.header("X-Slack-Request-Timestamp", TIMESTAMP)
                        .header("X-Slack-Signature", SIGNATURE)).code(), "stale with the real clock"));
    }

    @Test
    void eachCommandAnswers() {
        assertTrue(ask("help").contains("who approves R on X"));
        assertEquals("resource:default/orders-topic is owned by group:default/streaming (alice)", ask("who owns orders-topic"));
        String approvers = ask("Who approves partition-evolution on resource:orders-fact?");
        assertTrue(approvers.startsWith("partition-evolution on resource:default/orders-fact:"), approvers);
        assertTrue(approvers.contains("- group:default/lakehouse: dana, emeka — via defaults (global, owner)"), approvers);
        assertTrue(approvers.contains("- group:default/streaming: alice"), approvers);
        assertTrue(approvers.contains("runbook: pe.md"), approvers);
        String handles = ask("who handles checkpoint-health for component:orders-fact");
        assertTrue(handles.contains("- group:default/streaming: alice"), handles);
        assertEquals("Runbook for partition-evolution: https://steward.example/runbooks/pe.md", ask("runbook partition-evolution"));
        assertEquals("Runbook for partition-evolution: https://steward.example/runbooks/pe.md",
                ask("runbook partition-evolution resource:orders-fact"));
        assertEquals("No open incidents.", ask("incidents"));
        incidents.create(CreateIncident.parse(Map.of("title", "Orders late", "severity", "SEV2",
                "entities", java.util.List.of("orders-topic"))), "test");
        incidents.addAction(1, AddAction.parse(Map.of("title", "Alert on lag", "owner", "streaming", "priority", "P1",
                "dueDate", "2026-11-01")), "test");
        assertEquals("#1 SEV2 open: Orders late", ask("incidents orders-topic"));
        assertEquals("No open incidents affecting resource:default/orders-fact.", ask("incidents resource:orders-fact"));
        assertEquals("OVERDUE P1 Alert on lag (group:default/streaming, due 2026-11-01, incident #1)", ask("actions streaming"));
        assertEquals("No open actions for group:default/lakehouse.", ask("actions lakehouse"));
        assertTrue(ask("who approves partition-evolution on orders-topic").contains("does not apply"));
        assertTrue(ask("make me a sandwich").startsWith("I don't understand"));
    }

    @Test
    void linkTitlesFromManifestsCannotBreakOutOfTheirSlackLink() {
        String mrkdwn = String.join("\n", chat().answer("who owns resource:orders-fact").sections());
        assertTrue(mrkdwn.contains("On call: <https://pager.example/lakehouse|On call>, "
                + "<https://pager.example/esc?a=1%7Cb|Escalate&gt; &lt;!channel&gt;>"), mrkdwn);
        assertFalse(mrkdwn.contains("<!channel>"), mrkdwn);
        assertEquals("<https://x.example/?a=1&amp;b=2|https://x.example/?a=1&amp;b=2>",
                SlackText.link("https://x.example/?a=1&b=2", null));
    }

    @Test
    void typosGetSuggestionsAndAmbiguousNamesAShortList() {
        assertEquals("I don't know \"orders-topik\". Did you mean resource:default/orders-topic?",
                ask("who owns orders-topik"));
        assertTrue(ask("who approves partition-evolutoin on resource:orders-fact")
                .startsWith("I don't know the responsibility \"partition-evolutoin\". Did you mean partition-evolution"));
        String ambiguous = ask("who owns orders-fact");
        assertTrue(ambiguous.contains("is ambiguous"), ambiguous);
        assertTrue(ambiguous.contains("component:default/orders-fact") && ambiguous.contains("resource:default/orders-fact"),
                ambiguous);
        assertEquals("I don't know \"zebra-farm\".", ask("who owns zebra-farm"));
    }

    @Test
    void thePlainHttpEndpointAnswersInText() {
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            var r = client.get("/api/chatops?text=" + URLEncoder.encode("who owns orders-topic", StandardCharsets.UTF_8));
            assertEquals(200, r.code());
            assertTrue(r.headers().get("Content-Type").get(0).startsWith("text/plain"));
            assertEquals("resource:default/orders-topic is owned by group:default/streaming (alice)\n", r.body().string());
        });
    }
}

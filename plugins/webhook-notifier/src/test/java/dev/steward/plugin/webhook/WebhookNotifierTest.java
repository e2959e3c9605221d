package dev.steward.plugin.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.plugin.Event;
import dev.steward.plugin.Notifier;
import dev.steward.plugin.PluginContext;
import dev.steward.plugin.StewardPlugin;
import dev.steward.plugin.webhook.RecordingServer.Answer;
import dev.steward.plugin.webhook.RecordingServer.Received;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant AT = Instant.parse("2026-11-24T09:30:00Z");
    /** No jitter, so the waits are exact. */
    private static final RandomGenerator NO_JITTER = () -> 0L;

    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private RecordingServer server(Answer... answers) throws Exception {
        RecordingServer server = new RecordingServer(answers);
        toClose.add(server);
        return server;
    }

    private WebhookNotifier notifier(Map<String, String> settings) {
        return notifier(settings, sleeps::add, NO_JITTER, WebhookNotifier.DEFAULT_CAPACITY);
    }

    private WebhookNotifier notifier(Map<String, String> settings, Sleeper sleeper, RandomGenerator random,
                                     int capacity) {
        WebhookNotifier notifier = new WebhookNotifier(sleeper, random, Clock.systemUTC(), capacity);
        notifier.configure(context(settings));
        toClose.add(notifier);
        return notifier;
    }

    private static PluginContext context(Map<String, String> settings) {
        return key -> Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }

    private static Event snapshotLoaded() {
        return new Event(Event.SNAPSHOT_LOADED, AT, Map.of("commit", "4f2a9c1", "entities", 1234, "millis", 870));
    }

    private static Event event(String type, int n) {
        return new Event(type, AT, Map.of("n", n));
    }

    private static void flush(WebhookNotifier notifier) throws InterruptedException {
        assertTrue(notifier.flush(WAIT), "deliveries did not finish in " + WAIT);
    }

    @Test
    void bodyArrivesWithASignatureTheReceiverCanVerify() throws Exception {
        RecordingServer server = server();
        WebhookNotifier notifier = notifier(Map.of("url", server.url(), "secret", "It's a Secret to Everybody"));

        notifier.notify(snapshotLoaded());
        flush(notifier);

        assertEquals(1, server.received().size());
        Received request = server.received().get(0);
        assertEquals("POST", request.method());
        assertEquals("/hook", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("snapshot.loaded", request.header("X-Steward-Event"));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
        assertEquals(expected, request.header("X-Steward-Signature-256"));

        JsonNode body = JSON.readTree(request.body());
        assertEquals("snapshot.loaded", body.get("type").asText());
        assertEquals("2026-11-24T09:30:00Z", body.get("at").asText());
        assertEquals("4f2a9c1", body.get("data").get("commit").asText());
        assertEquals(1234, body.get("data").get("entities").asInt());
        assertEquals(request.header("X-Steward-Delivery"), body.get("id").asText());
        assertDoesNotThrow(() -> UUID.fromString(body.get("id").asText()));
    }

    @Test
    void withoutSecretTheBodyIsSentUnsigned() throws Exception {
        RecordingServer server = server();
        WebhookNotifier notifier = notifier(Map.of("url", server.url()));

        notifier.notify(snapshotLoaded());
        flush(notifier);

        assertEquals(1, server.received().size());
        assertNull(server.received().get(0).header("X-Steward-Signature-256"));
    }

    @Test
    void serverAnswering503TwiceThen200GetsThreeDeliveriesWithTheSameIdAndIncreasingBackoff() throws Exception {
        RecordingServer server = server(Answer.status(503), Answer.status(503), Answer.status(200));
        WebhookNotifier notifier = notifier(Map.of("url", server.url(), "secret", "k"));

        notifier.notify(snapshotLoaded());
        flush(notifier);

        List<Received> received = server.received();
        assertEquals(3, received.size());
        String id = received.get(0).header("X-Steward-Delivery");
        for (Received r : received) {
            assertEquals(id, r.header("X-Steward-Delivery"));
            assertEquals(id, JSON.readTree(r.body()).get("id").asText());
        }
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), sleeps);
    }

    @Test
    void backoffWithJitterStillIncreases() throws Exception {
        RecordingServer server = server(Answer.status(500), Answer.status(502), Answer.status(504));
        WebhookNotifier notifier = notifier(Map.of("url", server.url(), "backoff-millis", "1000"), sleeps::add,
                RandomGenerator.of("L64X128MixRandom"), 10);

        notifier.notify(snapshotLoaded());
        flush(notifier);

        assertEquals(4, server.received().size());
        assertEquals(3, sleeps.size());
        long[] bounds = {1000, 2000, 4000};
        for (int i = 0; i < 3; i++) {
            long millis = sleeps.get(i).toMillis();
            assertTrue(millis <= bounds[i] && millis >= bounds[i] * 9 / 10, "wait " + i + " was " + millis);
        }
    }

    @Test
    void backoffDoublesAndIsCappedAtThirtySeconds() {
        WebhookNotifier notifier = new WebhookNotifier(sleeps::add, NO_JITTER, Clock.systemUTC(), 1);
        List<Long> waits = new ArrayList<>();
        for (int retry = 0; retry < 10; retry++) {
            waits.add(notifier.backoff(Duration.ofMillis(500), retry).toMillis());
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L, 30000L), waits);
        assertEquals(30000L, notifier.backoff(Duration.ofMillis(500), 5000).toMillis());
    }

    @Test
    void badRequestIsNotRetried() throws Exception {
        RecordingServer server = server(Answer.status(400));
        WebhookNotifier notifier = notifier(Map.of("url", server.url()));

        notifier.notify(snapshotLoaded());
        flush(notifier);

        assertEquals(1, server.received().size());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void retryAfterIsHonouredAndCappedAtThirtySeconds() throws Exception {
        RecordingServer server = server(Answer.status(429, "Retry-After", "2"),
                Answer.status(503, "Retry-After", "120"), Answer.status(204));
        WebhookNotifier notifier = notifier(Map.of("url", server.url()));

        notifier.notify(snapshotLoaded());
        flush(notifier);

        assertEquals(3, server.received().size());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(30)), sleeps);
    }

    @Test
    void timeoutIsRetried() throws Exception {
        RecordingServer server = server(Answer.delayed(Duration.ofSeconds(3), 200), Answer.status(200));
        WebhookNotifier notifier = notifier(Map.of("url", server.url(), "timeout-millis", "300"));

        notifier.notify(snapshotLoaded());
        flush(notifier);

        assertEquals(2, server.received().size());
        assertEquals(List.of(Duration.ofMillis(500)), sleeps);
    }

    @Test
    void withoutUrlNothingIsSentAndNothingThrows() throws Exception {
        RecordingServer server = server();
        WebhookNotifier notifier = notifier(Map.of("secret", "k"));

        assertDoesNotThrow(() -> notifier.notify(snapshotLoaded()));
        assertTrue(notifier.flush(Duration.ofSeconds(1)));
        assertDoesNotThrow(notifier::close);
        assertEquals(List.of(), server.received());

        WebhookNotifier neverConfigured = new WebhookNotifier();
        assertDoesNotThrow(() -> neverConfigured.notify(snapshotLoaded()));
        assertDoesNotThrow(neverConfigured::close);
    }

    @Test
    void eventsFilterDropsOtherTypes() throws Exception {
        RecordingServer server = server();
        WebhookNotifier notifier = notifier(
                Map.of("url", server.url(), "events", " action.overdue , validation.failed"));

        notifier.notify(event(Event.SNAPSHOT_LOADED, 1));
        notifier.notify(event(Event.ACTION_OVERDUE, 2));
        notifier.notify(event(Event.VALIDATION_FAILED, 3));
        notifier.notify(event(Event.SNAPSHOT_LOADED, 4));
        flush(notifier);

        List<String> types = server.received().stream().map(r -> r.header("X-Steward-Event")).toList();
        assertEquals(List.of(Event.ACTION_OVERDUE, Event.VALIDATION_FAILED), types);
    }

    @Test
    void serverThatIsDownExhaustsRetriesWithoutThrowing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        WebhookNotifier notifier = notifier(Map.of("url", "http://127.0.0.1:" + port + "/hook", "retries", "3",
                "timeout-millis", "2000"));

        assertDoesNotThrow(() -> notifier.notify(snapshotLoaded()));
        flush(notifier);

        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000)), sleeps);
    }

    @Test
    void fullQueueDropsTheOldestWaitingEventAndNeverBlocksTheCaller() throws Exception {
        RecordingServer server = server(Answer.status(503));
        CountDownLatch retrying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Sleeper stalled = wait -> {
            retrying.countDown();
            release.await();
        };
        WebhookNotifier notifier = notifier(Map.of("url", server.url()), stalled, NO_JITTER, 2);

        notifier.notify(event(Event.SNAPSHOT_LOADED, 0)); // taken by the worker, which then stalls
        assertTrue(retrying.await(20, TimeUnit.SECONDS));
        for (int n = 1; n <= 3; n++) {
            notifier.notify(event(Event.SNAPSHOT_LOADED, n)); // 1 is dropped when 3 arrives
        }
        release.countDown();
        flush(notifier);

        List<Integer> delivered = new ArrayList<>();
        for (Received r : server.received()) {
            delivered.add(JSON.readTree(r.body()).get("data").get("n").asInt());
        }
        assertEquals(List.of(0, 0, 2, 3), delivered);
    }

    @Test
    void invalidSettingIsRejectedNamingIt() {
        WebhookNotifier notifier = new WebhookNotifier();
        toClose.add(notifier);
        Map<String, String> settings = new HashMap<>(Map.of("url", "http://localhost:1/hook", "retries", "many"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> notifier.configure(context(settings)));
        assertTrue(e.getMessage().contains("'retries'"), e.getMessage());

        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> notifier.configure(context(Map.of("url", "ftp://example.com/hook"))));
        assertTrue(url.getMessage().contains("'url'"), url.getMessage());
    }

    @Test
    void serviceLoaderFindsTheNotifier() {
        StewardPlugin plugin = ServiceLoader.load(StewardPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("webhook-notifier")).findFirst().orElseThrow();
        assertTrue(plugin instanceof Notifier);
        assertTrue(plugin instanceof AutoCloseable);
    }
}

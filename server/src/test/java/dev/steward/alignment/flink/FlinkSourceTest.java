package dev.steward.alignment.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import dev.steward.alignment.PlatformSource.SourceUnavailable;
import dev.steward.catalog.model.EntityRef;
import dev.steward.testing.LocalFlink;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FlinkSource} against a real Flink ({@link LocalFlink}: a MiniCluster with two slots and its REST
 * endpoint in this JVM), running a small unbounded streaming job with checkpointing on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkSourceTest {
    private static final EntityRef CLUSTER = EntityRef.parse("resource:flink-test");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String JOB_NAME = "orders-enrichment";
    private static final long INTERVAL_MS = 300;
    private static final long CHECKPOINT_TIMEOUT_MS = 45_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path savepoints;

    private static LocalFlink local;
    private static MiniCluster flink;
    private static String restUrl;
    private static JobID jobId;

    @BeforeAll
    static void startFlink() throws Exception {
        local = LocalFlink.start(2);
        flink = local.cluster();
        restUrl = local.restUrl();
        jobId = local.submit(JOB_NAME, 2, new LocalFlink.Checkpoints(Duration.ofMillis(INTERVAL_MS),
                CheckpointingMode.EXACTLY_ONCE, Duration.ofMillis(CHECKPOINT_TIMEOUT_MS)));
        local.awaitRunning(jobId);

        // At least one checkpoint completed: as Flink's own REST API tells.
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (rest("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong() < 1) {
            if (System.nanoTime() > giveUpAt) throw new AssertionError("no checkpoint within 45 s");
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopFlink() throws Exception {
        if (local != null) local.close();
    }

    @Test
    @Order(1)
    void reportsTheRunningJobWithItsConfigurationAndCheckpointFacts() throws Exception {
        FlinkSource source = new FlinkSource(CLUSTER, restUrl + "/", Map.of());
        assertEquals("flink:" + CLUSTER, source.name());
        assertEquals(CLUSTER, source.cluster());
        assertEquals(List.of(AssetKind.FLINK_JOB), source.holds());

        JsonNode before = rest("/jobs/" + jobId + "/checkpoints").path("counts");
        List<LiveAsset> assets = source.observe(TIMEOUT);
        JsonNode counts = rest("/jobs/" + jobId + "/checkpoints").path("counts");
        assertEquals(1, assets.size(), assets::toString);
        LiveAsset job = assets.get(0);
        assertEquals(AssetKind.FLINK_JOB, job.kind());
        assertEquals(CLUSTER, job.cluster());
        assertEquals(JOB_NAME, job.name());

        String version = rest("/config").path("flink-version").asText();
        assertTrue(version.startsWith("2."), version);
        assertEquals(Map.of(
                "flinkVersion", version,
                "parallelism", 2L,
                "checkpointing.interval", INTERVAL_MS,
                "checkpointing.mode", "EXACTLY_ONCE",
                "checkpointing.timeout", CHECKPOINT_TIMEOUT_MS), job.fields());

        Map<String, Object> facts = job.facts();
        assertEquals(jobId.toHexString(), facts.get("jobId"));
        assertEquals("RUNNING", facts.get("state"));
        // Counts as Flink's own REST API gives them just before and just after (checkpoints go on meanwhile;
        // those triggered before every task ran count as failed).
        long completed = (Long) facts.get("checkpointsCompleted");
        long failed = (Long) facts.get("checkpointsFailed");
        assertTrue(completed >= Math.max(1, before.path("completed").asLong())
                && completed <= counts.path("completed").asLong(), facts + " vs " + counts);
        assertTrue(failed >= before.path("failed").asLong() && failed <= counts.path("failed").asLong(),
                facts + " vs " + counts);
        assertInstanceOf(Long.class, facts.get("lastCheckpointDurationMs"));
        assertTrue((Long) facts.get("lastCheckpointDurationMs") >= 0);
        long age = (Long) facts.get("lastCheckpointAgeSeconds");
        assertTrue(age >= 0 && age < 30, facts::toString);
        assertFalse(facts.containsKey("lastSavepointAgeSeconds"), facts::toString);
        assertTrue(Set.of("ok", "low", "high", "unknown").contains(facts.get("backpressure")), facts::toString);

        // A savepoint taken now is seen, just now.
        String savepoint = flink.triggerSavepoint(jobId, savepoints.toUri().toString(), false,
                SavepointFormatType.CANONICAL).get(30, TimeUnit.SECONDS);
        assertNotNull(savepoint);
        // Flink's REST endpoint caches checkpoint statistics for a few seconds (web.refresh-interval).
        Map<String, Object> after = source.observe(TIMEOUT).get(0).facts();
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!after.containsKey("lastSavepointAgeSeconds") && System.nanoTime() < giveUpAt) {
            Thread.sleep(200);
            after = source.observe(TIMEOUT).get(0).facts();
        }
        assertTrue(after.containsKey("lastSavepointAgeSeconds"), after::toString);
        assertTrue((Long) after.get("lastSavepointAgeSeconds") < 30, after::toString);
        assertTrue((Long) after.get("checkpointsCompleted") >= (Long) facts.get("checkpointsCompleted"));
    }

    @Test
    @Order(2)
    void sendsTheAuthorizationHeaderItIsGiven() throws Exception {
        // Flink's REST endpoint has no authentication of its own: a header it does not check is harmless.
        FlinkSource source = new FlinkSource(CLUSTER, restUrl, Map.of("authorization", "Bearer test-token"));
        assertEquals(List.of(JOB_NAME), source.observe(TIMEOUT).stream().map(LiveAsset::name).toList());
    }

    @Test
    @Order(3)
    void aCancelledJobIsNoLongerReported() throws Exception {
        flink.cancelJob(jobId).get(30, TimeUnit.SECONDS);
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (flink.getJobStatus(jobId).get(10, TimeUnit.SECONDS) != JobStatus.CANCELED) {
            if (System.nanoTime() > giveUpAt) throw new AssertionError("the job was not cancelled within 30 s");
            Thread.sleep(50);
        }
        assertEquals("CANCELED", rest("/jobs/overview").path("jobs").get(0).path("state").asText());
        assertEquals(List.of(), new FlinkSource(CLUSTER, restUrl, Map.of()).observe(TIMEOUT));
    }

    @Test
    void aRestUrlNobodyListensOnIsUnavailableWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        FlinkSource source = new FlinkSource(CLUSTER, url, Map.of());
        Duration timeout = Duration.ofSeconds(2);
        long start = System.nanoTime();
        SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(timeout));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs < 3 * timeout.toMillis(), "took " + tookMs + " ms");
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertNotNull(e.getCause(), "the cause is kept");
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableWithinTheTimeout() throws Exception {
        // Accepts connections (the backlog does) but never answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            FlinkSource source = new FlinkSource(CLUSTER, url, Map.of());
            Duration timeout = Duration.ofSeconds(1);
            long start = System.nanoTime();
            SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(timeout));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMs < 3 * timeout.toMillis(), "took " + tookMs + " ms");
            assertTrue(e.getMessage().contains(url) && e.getMessage().contains("1000 ms"), e.getMessage());
        }
    }

    @Test
    void rejectsARestUrlThatIsNotHttp() {
        assertThrows(IllegalArgumentException.class, () -> new FlinkSource(CLUSTER, "jobmanager:8081", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new FlinkSource(CLUSTER, " ", Map.of()));
    }

    @Test
    void normalisesTheCheckpointingMode() {
        assertEquals("EXACTLY_ONCE", FlinkSource.normaliseMode("exactly_once"));
        assertEquals("AT_LEAST_ONCE", FlinkSource.normaliseMode("at-least-once"));
        assertEquals("EXACTLY_ONCE", FlinkSource.normaliseMode("EXACTLY_ONCE"));
    }

    private static JsonNode rest(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(restUrl + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> path + ": " + response.body());
        return JSON.readTree(response.body());
    }
}

package dev.steward.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One platform source's alignment end to end, as people meet it: {@code steward align --json} and a
 * {@code steward serve} process scanning every 300 ms, both reading the same steward.yaml and catalog
 * repository. {@link #assertFindingsThenStaleWhenDown} pins the contract for a source: the findings
 * (every kind, drift on every compared field) from both, then, once the system is stopped, align exits 2
 * naming the source and the server keeps the last findings, marked stale, and reports itself degraded.
 */
public final class AlignmentScenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path tmp;
    private final Path repo;
    private final Path config;

    private AlignmentScenario(Path tmp, Path repo, Path config) {
        this.tmp = tmp;
        this.repo = repo;
        this.config = config;
    }

    /** A catalog repository holding {@code catalogYaml} and a steward.yaml with the one source {@code sourceYaml}. */
    public static AlignmentScenario of(Path tmp, String catalogYaml, String sourceYaml) throws Exception {
        Path repo;
        try (TestRepo r = TestRepo.create(tmp)) {
            r.manifest("all.yaml", catalogYaml).commit("main");
            repo = r.root();
            dev.steward.catalog.Catalog catalog = r.load();
            if (!catalog.isValid()) throw new AssertionError("the test's catalog does not validate: " + catalog.problems());
        }
        Path config = tmp.resolve("steward.yaml");
        Files.writeString(config, "platform:\n  scanEvery: 300ms\n  timeout: 3s\n  sources:\n    - " + sourceYaml + "\n");
        return new AlignmentScenario(tmp, repo, config);
    }

    /** What {@code steward align --json} said: its exit code, its findings as {@link #describe} writes them, its sources. */
    public record Align(int code, Set<String> findings, JsonNode sources, String err) {
    }

    public Align align() throws Exception {
        Cli.Run run = Cli.run("align", "--json", "--config", config.toString(), "--repo=" + repo);
        JsonNode answer = JSON.readTree(run.out());
        if (answer == null || !answer.has("findings")) {
            throw new AssertionError("align answered no findings (exit " + run.code() + "): " + run.out() + run.err());
        }
        return new Align(run.code(), describe(answer.get("findings")), answer.get("sources"), run.err());
    }

    /**
     * Align, then a served replica, both before and after {@code stop} takes the system down. {@code expected}
     * are the findings as {@link #describe} writes them.
     */
    public void assertFindingsThenStaleWhenDown(Set<String> expected, ThrowingRunnable stop) throws Exception {
        Align up = align();
        assertEquals(1, up.code(), up.err());
        assertEquals(new TreeSet<>(expected), up.findings());
        String source = up.sources().get(0).get("source").asText();

        try (ServerProcess server = ServerProcess.start(tmp.resolve("server.log"), Map.of(), "--repo", repo.toString(),
                "--config", config.toString(), "--db", tmp.resolve("steward.db").toString())) {
            JsonNode scanned = await(server, "/api/alignment", a -> a.path("sources").path(0).hasNonNull("lastOkAt"));
            assertEquals(new TreeSet<>(expected), describe(scanned.get("findings")), scanned::toString);
            scanned.get("findings").forEach(f -> assertFalse(f.get("stale").asBoolean(), f::toString));
            assertFalse(get(server, "/readyz").get("degraded").asBoolean());
            assertTrue(text(server, "/metrics").contains("steward_alignment_source_up{source=\"" + source + "\"} 1"));

            stop.run();

            JsonNode stale = await(server, "/api/alignment", a -> a.path("sources").path(0).path("stale").asBoolean());
            assertEquals(new TreeSet<>(expected), describe(stale.get("findings")), "the last findings stay: " + stale);
            stale.get("findings").forEach(f -> assertTrue(f.get("stale").asBoolean(), f::toString));
            assertFalse(stale.get("sources").get(0).path("error").asText().isBlank(), "the source says why: " + stale);
            JsonNode ready = get(server, "/readyz");
            assertTrue(ready.get("ready").asBoolean() && ready.get("degraded").asBoolean(), ready::toString);
            assertTrue(ready.get("reasons").toString().contains("platform: " + source), ready::toString);
            assertTrue(text(server, "/metrics").contains("steward_alignment_source_up{source=\"" + source + "\"} 0"));
        }

        Align down = align();
        assertEquals(2, down.code(), down.err());
        assertTrue(down.err().contains("source " + source + " cannot be read"), down.err());
        assertEquals(Set.of(), down.findings(), "nothing is missing while its source is down");
    }

    /**
     * Findings in one line each, sorted: {@code drift resource:default/orders orders partitions: 3 -> 1},
     * {@code unmanaged - stray}, {@code missing resource:default/gone gone}.
     */
    public static Set<String> describe(JsonNode findings) {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : findings) {
            String line = f.get("kind").asText().toLowerCase(java.util.Locale.ROOT) + " "
                    + (f.path("entity").isNull() || f.path("entity").isMissingNode() ? "-" : f.get("entity").asText())
                    + " " + f.get("asset").asText();
            if (f.hasNonNull("field")) line += " " + f.get("field").asText() + ": " + value(f.get("declared")) + " -> "
                    + value(f.get("actual"));
            out.add(line);
        }
        return out;
    }

    private static String value(JsonNode v) {
        return v == null || v.isNull() ? "null" : v.isValueNode() ? v.asText() : v.toString();
    }

    /** Polls the server (another process: there is nothing to wait on) until {@code until} holds. */
    private static JsonNode await(ServerProcess server, String path, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get(server, path);
            if (until.test(last)) return last;
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never became as expected within " + PATIENCE + ": " + last + "\n" + server.log());
    }

    private static JsonNode get(ServerProcess server, String path) throws Exception {
        return JSON.readTree(text(server, path));
    }

    private static String text(ServerProcess server, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.base() + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Takes the system down. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}

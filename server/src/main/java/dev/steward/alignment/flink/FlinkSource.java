package dev.steward.alignment.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import dev.steward.alignment.PlatformSource;
import dev.steward.catalog.EntityRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The jobs of one Flink cluster, read over the JobManager's REST API with plain HTTP (no Flink client
 * library): {@code GET /config} for the cluster's version, {@code GET /jobs/overview} for the jobs, and
 * for each job that is not over (any state but {@code FINISHED}, {@code CANCELED} and {@code FAILED})
 * {@code /jobs/:id/config}, {@code /jobs/:id/checkpoints/config}, {@code /jobs/:id/checkpoints},
 * {@code /jobs/:id} and {@code /jobs/:id/vertices/:vid/backpressure}. Read-only: it only sends GETs.
 *
 * <p>One {@link LiveAsset} per job, on the configured cluster, named by the job's name. Fields, keyed
 * by their manifest path under {@code spec}: {@code flinkVersion} (the cluster's), {@code parallelism}
 * (the job's default parallelism, {@code execution-config.job-parallelism}; when the job leaves it to the
 * cluster, the largest parallelism of its vertices), {@code checkpointing.interval} and
 * {@code checkpointing.timeout} (milliseconds) and {@code checkpointing.mode} ({@code EXACTLY_ONCE} or
 * {@code AT_LEAST_ONCE}); the checkpointing fields are absent when the job does not checkpoint.
 * Facts: {@code jobId}, {@code state}, {@code checkpointsCompleted}, {@code checkpointsFailed},
 * {@code lastCheckpointDurationMs} and {@code lastCheckpointAgeSeconds} (the latest completed
 * checkpoint; absent when there is none), {@code lastSavepointAgeSeconds} (absent when there is none),
 * and {@code backpressure}: the worst level over the job's vertices, {@code high}, {@code low},
 * {@code unknown} (a vertex not sampled yet, when none is low or high) or {@code ok}. Ages are whole
 * seconds against the {@link Clock}.
 *
 * <p>{@code credentials} come from the environment, never from the settings file: an
 * {@code authorization} entry (such as {@code Bearer …}) is sent as the {@code Authorization} header of
 * every request. Each {@link #observe} gives up after its timeout as a whole: every request is given
 * what is left of it, and the requests for the jobs go out side by side, a few at a time. Any failure
 * (no answer, an error status, an answer that is not what the REST API gives) is a
 * {@link SourceUnavailable} naming the REST URL, with the cause kept; a job that ends or goes away
 * between the listing and its details is simply gone.
 */
public final class FlinkSource implements PlatformSource {
    /** The key in {@code credentials} whose value is sent as the {@code Authorization} header. */
    public static final String AUTHORIZATION = "authorization";

    private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED");
    private static final List<String> BACKPRESSURE_ORDER = List.of("ok", "unknown", "low", "high");
    private static final int IN_FLIGHT = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityRef cluster;
    private final String restUrl;
    private final String authorization;
    private final Clock clock;

    private HttpClient http;
    private Duration httpTimeout;

    public FlinkSource(EntityRef cluster, String restUrl, Map<String, String> credentials) {
        this(cluster, restUrl, credentials, Clock.systemUTC());
    }

    public FlinkSource(EntityRef cluster, String restUrl, Map<String, String> credentials, Clock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (restUrl == null || restUrl.isBlank()) {
            throw new IllegalArgumentException("Flink source for " + cluster + " needs a restUrl");
        }
        String url = restUrl.trim();
        while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Flink source for " + cluster + ": restUrl is not a URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("Flink source for " + cluster + ": restUrl must be an http(s) URL, not "
                    + url);
        }
        this.restUrl = url;
        String auth = null;
        if (credentials != null) {
            for (Map.Entry<String, String> e : credentials.entrySet()) {
                if (AUTHORIZATION.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isBlank()) {
                    auth = e.getValue().trim();
                }
            }
        }
        this.authorization = auth;
    }

    @Override
    public String name() {
        return "flink:" + cluster;
    }

    @Override
    public EntityRef cluster() {
        return cluster;
    }

    @Override
    public List<AssetKind> holds() {
        return List.of(AssetKind.FLINK_JOB);
    }

    public String restUrl() {
        return restUrl;
    }

    @Override
    public synchronized List<LiveAsset> observe(Duration timeout) throws SourceUnavailable {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        Calls calls = new Calls(client(timeout), System.nanoTime() + timeout.toNanos(), timeout);
        try {
            String version = text(calls.get("/config").await().path("flink-version"));
            JsonNode overview = calls.get("/jobs/overview").await();
            JsonNode jobList = overview.get("jobs");
            if (jobList == null || !jobList.isArray()) throw malformed("/jobs/overview", "no \"jobs\" list");

            List<JobCalls> jobs = new ArrayList<>();
            for (JsonNode job : jobList) {
                String id = text(job.get("jid"));
                String state = text(job.get("state"));
                if (id == null || state == null) throw malformed("/jobs/overview", "a job without jid or state");
                if (TERMINAL.contains(state.toUpperCase(Locale.ROOT))) continue;
                String prefix = "/jobs/" + id;
                jobs.add(new JobCalls(id, text(job.get("name")), state, calls.get(prefix + "/config"),
                        calls.get(prefix + "/checkpoints/config"), calls.get(prefix + "/checkpoints"),
                        calls.get(prefix)));
            }
            // The vertices come with the job's details: their backpressure is asked for once those are in.
            for (JobCalls job : jobs) {
                JsonNode details = job.details.awaitOrNull();
                if (details == null) continue;
                for (JsonNode vertex : details.path("vertices")) {
                    String vid = text(vertex.get("id"));
                    if (vid != null) job.backpressure.add(calls.get("/jobs/" + job.id + "/vertices/" + vid + "/backpressure"));
                }
            }
            List<LiveAsset> assets = new ArrayList<>(jobs.size());
            for (JobCalls job : jobs) {
                LiveAsset asset = asset(version, job);
                if (asset != null) assets.add(asset);
            }
            assets.sort(Comparator.comparing(LiveAsset::name, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(a -> String.valueOf(a.facts().get("jobId"))));
            return List.copyOf(assets);
        } catch (Failure f) {
            throw new SourceUnavailable(describe() + f.getMessage(), f.getCause());
        } catch (RuntimeException e) {
            throw new SourceUnavailable(describe() + "could not be read: " + messageOf(e), e);
        } finally {
            calls.abandon();
        }
    }

    @Override
    public synchronized void close() {
        http = null;
        httpTimeout = null;
    }

    /** The job as an asset, or null when it went away (404) between the listing and its details. */
    private LiveAsset asset(String version, JobCalls job) throws Failure {
        JsonNode config = job.config.awaitOrNull();
        JsonNode details = job.details.awaitOrNull();
        if (config == null || details == null) return null;
        // 404: the job does not checkpoint (or went away meanwhile, which the details already tell).
        JsonNode checkpointConfig = job.checkpointConfig.awaitOrNull();
        JsonNode checkpoints = job.checkpoints.awaitOrNull();

        Map<String, Object> fields = new LinkedHashMap<>();
        if (version != null) fields.put("flinkVersion", version);
        Long parallelism = longOf(config.path("execution-config").get("job-parallelism"));
        if (parallelism == null || parallelism <= 0) {
            long max = 0;
            for (JsonNode vertex : details.path("vertices")) {
                Long p = longOf(vertex.get("parallelism"));
                if (p != null) max = Math.max(max, p);
            }
            parallelism = max > 0 ? max : null;
        }
        if (parallelism != null) fields.put("parallelism", parallelism);
        if (checkpointConfig != null) {
            Long interval = longOf(checkpointConfig.get("interval"));
            // Flink reports a job without periodic checkpoints with an interval of Long.MAX_VALUE.
            if (interval != null && interval > 0 && interval != Long.MAX_VALUE) {
                fields.put("checkpointing.interval", interval);
                String mode = text(checkpointConfig.get("mode"));
                if (mode != null) fields.put("checkpointing.mode", normaliseMode(mode));
                Long cpTimeout = longOf(checkpointConfig.get("timeout"));
                if (cpTimeout != null) fields.put("checkpointing.timeout", cpTimeout);
            }
        }

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("jobId", job.id);
        facts.put("state", text(details.get("state")) == null ? job.state : text(details.get("state")));
        long now = clock.millis();
        if (checkpoints != null) {
            JsonNode counts = checkpoints.path("counts");
            Long completed = longOf(counts.get("completed"));
            Long failed = longOf(counts.get("failed"));
            facts.put("checkpointsCompleted", completed == null ? 0L : completed);
            facts.put("checkpointsFailed", failed == null ? 0L : failed);
            JsonNode latest = checkpoints.path("latest");
            JsonNode last = latest.get("completed");
            if (last != null && last.isObject()) {
                Long duration = longOf(last.get("end_to_end_duration"));
                if (duration != null) facts.put("lastCheckpointDurationMs", duration);
                Long at = completedAt(last);
                if (at != null) facts.put("lastCheckpointAgeSeconds", ageSeconds(now, at));
            }
            JsonNode savepoint = latest.get("savepoint");
            if (savepoint != null && savepoint.isObject()) {
                Long at = completedAt(savepoint);
                if (at != null) facts.put("lastSavepointAgeSeconds", ageSeconds(now, at));
            }
        }
        String worst = null;
        for (Call call : job.backpressure) {
            JsonNode bp = call.awaitOrNull();
            String level = bp == null ? null : text(bp.get("backpressureLevel"));
            level = level == null ? "unknown" : level.toLowerCase(Locale.ROOT);
            if (!BACKPRESSURE_ORDER.contains(level)) level = "unknown";
            if (worst == null || BACKPRESSURE_ORDER.indexOf(level) > BACKPRESSURE_ORDER.indexOf(worst)) worst = level;
        }
        facts.put("backpressure", worst == null ? "unknown" : worst);

        return new LiveAsset(AssetKind.FLINK_JOB, cluster, job.name, Collections.unmodifiableMap(fields),
                Collections.unmodifiableMap(facts));
    }

    /** {@code exactly_once}, {@code EXACTLY_ONCE}, {@code exactly-once}: {@code EXACTLY_ONCE}. */
    static String normaliseMode(String mode) {
        return mode.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    /** When a checkpoint completed: its last acknowledgement, else its trigger time plus its duration. */
    private static Long completedAt(JsonNode checkpoint) {
        Long ack = longOf(checkpoint.get("latest_ack_timestamp"));
        if (ack != null && ack > 0) return ack;
        Long trigger = longOf(checkpoint.get("trigger_timestamp"));
        if (trigger == null || trigger <= 0) return null;
        Long duration = longOf(checkpoint.get("end_to_end_duration"));
        return trigger + (duration == null ? 0 : duration);
    }

    private static long ageSeconds(long now, long at) {
        return Math.max(0, (now - at) / 1000);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static Long longOf(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isIntegralNumber()) return node.asLong();
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private String describe() {
        return name() + " (Flink REST at " + restUrl + ") ";
    }

    private static Failure malformed(String path, String what) {
        return new Failure("answered " + path + " with something unexpected: " + what, null);
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** The client, made on first use and again when the timeout changes (its connect timeout is fixed). */
    private HttpClient client(Duration timeout) {
        if (http == null || !timeout.equals(httpTimeout)) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
            httpTimeout = timeout;
        }
        return http;
    }

    /** A failure of this observation; its message follows the source's description. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The requests of one job. */
    private static final class JobCalls {
        final String id;
        final String name;
        final String state;
        final Call config;
        final Call checkpointConfig;
        final Call checkpoints;
        final Call details;
        final List<Call> backpressure = new ArrayList<>();

        JobCalls(String id, String name, String state, Call config, Call checkpointConfig, Call checkpoints,
                Call details) {
            this.id = id;
            this.name = name;
            this.state = state;
            this.config = config;
            this.checkpointConfig = checkpointConfig;
            this.checkpoints = checkpoints;
            this.details = details;
        }
    }

    /** The requests of one observation: sent a few at a time, all given up on at the deadline. */
    private final class Calls {
        private final HttpClient client;
        private final long deadline;
        private final Duration timeout;
        private final Semaphore permits = new Semaphore(IN_FLIGHT);
        private final List<CompletableFuture<?>> sent = new ArrayList<>();

        Calls(HttpClient client, long deadline, Duration timeout) {
            this.client = client;
            this.deadline = deadline;
            this.timeout = timeout;
        }

        /** Sends {@code GET path} once a request slot is free (before the deadline). */
        Call get(String path) throws Failure {
            try {
                if (!permits.tryAcquire(remaining(path), TimeUnit.NANOSECONDS)) throw late(path, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("was not read: interrupted", e);
            }
            CompletableFuture<HttpResponse<String>> future;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(restUrl + path))
                        .timeout(Duration.ofNanos(remaining(path)))
                        .header("Accept", "application/json")
                        .GET();
                if (authorization != null) request.header("Authorization", authorization);
                future = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (RuntimeException | Failure e) {
                permits.release();
                throw e;
            }
            future.whenComplete((r, e) -> permits.release());
            sent.add(future);
            return new Call(this, path, future);
        }

        long remaining(String path) throws Failure {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw late(path, null);
            return left;
        }

        Failure late(String path, Throwable cause) {
            return new Failure("did not answer within " + timeout.toMillis() + " ms (GET " + path + ")", cause);
        }

        void abandon() {
            for (CompletableFuture<?> f : sent) f.cancel(true);
        }
    }

    /** One request: its answer, awaited until the deadline. */
    private static final class Call {
        private final Calls calls;
        private final String path;
        private final CompletableFuture<HttpResponse<String>> future;

        Call(Calls calls, String path, CompletableFuture<HttpResponse<String>> future) {
            this.calls = calls;
            this.path = path;
            this.future = future;
        }

        /** The answer's JSON; any status but 200 is a failure. */
        JsonNode await() throws Failure {
            JsonNode node = awaitOrNull();
            if (node == null) throw new Failure("answered GET " + path + " with 404 Not Found", null);
            return node;
        }

        /** The answer's JSON, or null for a 404; any other status but 200 is a failure. */
        JsonNode awaitOrNull() throws Failure {
            HttpResponse<String> response;
            try {
                response = future.get(calls.remaining(path), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw calls.late(path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("was not read: interrupted", e);
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof HttpTimeoutException) throw calls.late(path, cause);
                throw new Failure("could not be read (GET " + path + "): " + messageOf(cause), cause);
            }
            int status = response.statusCode();
            if (status == 404) return null;
            if (status != 200) {
                String body = response.body() == null ? "" : response.body().strip();
                if (body.length() > 300) body = body.substring(0, 300) + "…";
                String why = status == 401 || status == 403 ? " (credentials rejected)" : "";
                throw new Failure("answered GET " + path + " with HTTP " + status + why
                        + (body.isEmpty() ? "" : ": " + body), null);
            }
            try {
                JsonNode node = JSON.readTree(response.body());
                if (node == null || !node.isObject()) throw malformed(path, "not a JSON object");
                return node;
            } catch (IOException e) {
                throw new Failure("answered GET " + path + " with something that is not JSON: " + messageOf(e), e);
            }
        }
    }
}

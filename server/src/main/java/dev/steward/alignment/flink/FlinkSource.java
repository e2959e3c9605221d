package dev.steward.alignment.flink;

import static dev.steward.alignment.flink.JsonValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import dev.steward.alignment.PlatformSource;
import dev.steward.catalog.model.EntityRef;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    private final EntityRef cluster;
    private final Clock clock;
    private final FlinkRest rest;

    public FlinkSource(EntityRef cluster, String restUrl, Map<String, String> credentials) {
        this(cluster, restUrl, credentials, Clock.systemUTC());
    }

    public FlinkSource(EntityRef cluster, String restUrl, Map<String, String> credentials, Clock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rest = new FlinkRest(checkedUrl(cluster, restUrl), authorization(credentials));
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
        return rest.url();
    }

    @Override
    public synchronized List<LiveAsset> observe(Duration timeout) throws SourceUnavailable {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        RestCalls calls = rest.calls(timeout);
        try {
            String version = text(calls.get("/config").await().path("flink-version"));
            List<JobCalls> jobs = unfinishedJobs(calls);
            // The vertices come with the job's details: their backpressure is asked for once those are in.
            for (JobCalls job : jobs) job.sendBackpressure(calls);
            return assets(version, jobs);
        } catch (RestFailure f) {
            throw new SourceUnavailable(describe() + f.getMessage(), f.getCause());
        } catch (RuntimeException e) {
            throw new SourceUnavailable(describe() + "could not be read: " + RestFailure.messageOf(e), e);
        } finally {
            calls.abandon();
        }
    }

    @Override
    public synchronized void close() {
        rest.close();
    }

    /** {@code exactly_once}, {@code EXACTLY_ONCE}, {@code exactly-once}: {@code EXACTLY_ONCE}. */
    static String normaliseMode(String mode) {
        return JobObservation.normaliseMode(mode);
    }

    /** The URL without trailing slashes; an http(s) URL with a host, else an IllegalArgumentException. */
    private static String checkedUrl(EntityRef cluster, String restUrl) {
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
        return url;
    }

    /** The {@link #AUTHORIZATION} entry of {@code credentials} (in any case), or null when there is none. */
    private static String authorization(Map<String, String> credentials) {
        String auth = null;
        if (credentials != null) {
            for (Map.Entry<String, String> e : credentials.entrySet()) {
                if (AUTHORIZATION.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isBlank()) {
                    auth = e.getValue().trim();
                }
            }
        }
        return auth;
    }

    /** Sends the requests of every job {@code /jobs/overview} lists that is not over. */
    private static List<JobCalls> unfinishedJobs(RestCalls calls) throws RestFailure {
        JsonNode overview = calls.get("/jobs/overview").await();
        JsonNode jobList = overview.get("jobs");
        if (jobList == null || !jobList.isArray()) throw RestFailure.malformed("/jobs/overview", "no \"jobs\" list");
        List<JobCalls> jobs = new ArrayList<>();
        for (JsonNode job : jobList) {
            String id = text(job.get("jid"));
            String state = text(job.get("state"));
            if (id == null || state == null) {
                throw RestFailure.malformed("/jobs/overview", "a job without jid or state");
            }
            if (TERMINAL.contains(state.toUpperCase(Locale.ROOT))) continue;
            jobs.add(JobCalls.send(calls, id, text(job.get("name")), state));
        }
        return jobs;
    }

    /** The jobs that are still there as assets, by name and then job id. */
    private List<LiveAsset> assets(String version, List<JobCalls> jobs) throws RestFailure {
        List<LiveAsset> assets = new ArrayList<>(jobs.size());
        for (JobCalls job : jobs) {
            LiveAsset asset = JobObservation.of(cluster, version, job, clock);
            if (asset != null) assets.add(asset);
        }
        assets.sort(Comparator.comparing(LiveAsset::name, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(a -> String.valueOf(a.facts().get("jobId"))));
        return List.copyOf(assets);
    }

    private String describe() {
        return name() + " (Flink REST at " + rest.url() + ") ";
    }
}

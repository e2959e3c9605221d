package dev.steward.alignment.flink;

import static dev.steward.alignment.flink.JsonValues.longOf;
import static dev.steward.alignment.flink.JsonValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import dev.steward.catalog.model.EntityRef;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Flink job as a {@link LiveAsset}, from the answers to its {@link JobCalls}: the fields and facts
 * that {@link FlinkSource} describes.
 */
final class JobObservation {
    private static final List<String> BACKPRESSURE_ORDER = List.of("ok", "unknown", "low", "high");

    private JobObservation() {
    }

    /**
     * The job as an asset on {@code cluster}, or null when it went away (404) between the listing and its
     * details. {@code version} is the cluster's Flink version; ages are against {@code clock}.
     */
    static LiveAsset of(EntityRef cluster, String version, JobCalls job, Clock clock) throws RestFailure {
        JsonNode config = job.config.awaitOrNull();
        JsonNode details = job.details.awaitOrNull();
        if (config == null || details == null) return null;
        // 404: the job does not checkpoint (or went away meanwhile, which the details already tell).
        JsonNode checkpointConfig = job.checkpointConfig.awaitOrNull();
        JsonNode checkpoints = job.checkpoints.awaitOrNull();

        Map<String, Object> fields = fields(version, config, details, checkpointConfig);
        Map<String, Object> facts = facts(job, details, checkpoints, clock.millis());
        return new LiveAsset(AssetKind.FLINK_JOB, cluster, job.name, Collections.unmodifiableMap(fields),
                Collections.unmodifiableMap(facts));
    }

    /** {@code exactly_once}, {@code EXACTLY_ONCE}, {@code exactly-once}: {@code EXACTLY_ONCE}. */
    static String normaliseMode(String mode) {
        return mode.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    /** What manifests declare, by its path under {@code spec}. */
    private static Map<String, Object> fields(String version, JsonNode config, JsonNode details,
            JsonNode checkpointConfig) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (version != null) fields.put("flinkVersion", version);
        Long parallelism = parallelism(config, details);
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
        return fields;
    }

    /** The job's default parallelism; when it leaves it to the cluster, the largest of its vertices'. */
    private static Long parallelism(JsonNode config, JsonNode details) {
        Long parallelism = longOf(config.path("execution-config").get("job-parallelism"));
        if (parallelism != null && parallelism > 0) return parallelism;
        long max = 0;
        for (JsonNode vertex : details.path("vertices")) {
            Long p = longOf(vertex.get("parallelism"));
            if (p != null) max = Math.max(max, p);
        }
        return max > 0 ? max : null;
    }

    /** What the job is doing: its state, its checkpoints and savepoints (as of {@code now}), its backpressure. */
    private static Map<String, Object> facts(JobCalls job, JsonNode details, JsonNode checkpoints, long now)
            throws RestFailure {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("jobId", job.id);
        String state = text(details.get("state"));
        facts.put("state", state == null ? job.state : state);
        if (checkpoints != null) checkpointFacts(facts, checkpoints, now);
        facts.put("backpressure", worstBackpressure(job.backpressure));
        return facts;
    }

    private static void checkpointFacts(Map<String, Object> facts, JsonNode checkpoints, long now) {
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

    /** The worst level over the vertices: {@code high}, {@code low}, {@code unknown} or {@code ok}. */
    private static String worstBackpressure(List<RestCall> vertices) throws RestFailure {
        String worst = null;
        for (RestCall call : vertices) {
            JsonNode bp = call.awaitOrNull();
            String level = bp == null ? null : text(bp.get("backpressureLevel"));
            level = level == null ? "unknown" : level.toLowerCase(Locale.ROOT);
            if (!BACKPRESSURE_ORDER.contains(level)) level = "unknown";
            if (worst == null || BACKPRESSURE_ORDER.indexOf(level) > BACKPRESSURE_ORDER.indexOf(worst)) worst = level;
        }
        return worst == null ? "unknown" : worst;
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
}

package dev.steward.alignment.flink;

import static dev.steward.testing.Yaml.component;
import static dev.steward.testing.Yaml.doc;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.user;

import dev.steward.testing.AlignmentScenario;
import dev.steward.testing.LocalFlink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink alignment end to end against a real MiniCluster and its REST endpoint: {@code steward align} and
 * a served replica find an unmanaged job, a missing one and drift on every compared field (flinkVersion,
 * parallelism, checkpointing interval, mode and timeout), nothing on a matching job, on an experimental
 * entity or on another cluster's; then the cluster stops.
 */
class FlinkAlignmentTest {
    private static final String VERSION = EnvironmentInformation.getVersion();

    private static String catalog() {
        return group("streaming", "members: [sam]") + user("sam")
                + resource("flink-test", "type: flink-cluster\nowner: streaming")
                + resource("flink-other", "type: flink-cluster\nowner: streaming")
                // Matches the running job on every compared field, in the units people write.
                + component("orders-enrichment", """
                        type: flink-job
                        owner: streaming
                        cluster: flink-test
                        flinkVersion: "%s"
                        parallelism: 2
                        checkpointing: {interval: 300ms, mode: exactly-once, timeout: 45s}""".formatted(VERSION))
                // Differs from the running job on every compared field.
                + component("fraud-scoring", """
                        type: flink-job
                        owner: streaming
                        cluster: flink-test
                        flinkVersion: "1.20.1"
                        parallelism: 4
                        checkpointing: {interval: 60s, mode: EXACTLY_ONCE, timeout: 10m}""")
                + component("sessionizer", "type: flink-job\nowner: streaming\ncluster: flink-test\nparallelism: 8")
                + doc("Component", "trial-job", "type: flink-job\nowner: streaming\ncluster: flink-test\nlifecycle: experimental")
                + component("elsewhere", "type: flink-job\nowner: streaming\ncluster: flink-other");
    }

    @TempDir
    Path tmp;

    @Test
    void findsEveryKindAndDriftOnEveryFieldThenGoesStaleWhenTheClusterStops() throws Exception {
        try (LocalFlink flink = LocalFlink.start(4)) {
            JobID orders = flink.submit("orders-enrichment", 2, new LocalFlink.Checkpoints(Duration.ofMillis(300),
                    CheckpointingMode.EXACTLY_ONCE, Duration.ofSeconds(45)));
            JobID fraud = flink.submit("fraud-scoring", 1, new LocalFlink.Checkpoints(Duration.ofMillis(500),
                    CheckpointingMode.AT_LEAST_ONCE, Duration.ofSeconds(30)));
            JobID adhoc = flink.submit("adhoc-backfill", 1, null);
            for (JobID job : new JobID[] {orders, fraud, adhoc}) flink.awaitRunning(job);

            AlignmentScenario scenario = AlignmentScenario.of(tmp, catalog(),
                    "{kind: flink, cluster: resource:flink-test, restUrl: \"" + flink.restUrl() + "\"}");
            String drifting = "drift component:default/fraud-scoring fraud-scoring ";
            scenario.assertFindingsThenStaleWhenDown(Set.of(
                    drifting + "flinkVersion: 1.20.1 -> " + VERSION,
                    drifting + "parallelism: 4 -> 1",
                    drifting + "checkpointing.interval: 60s -> 500",
                    drifting + "checkpointing.mode: EXACTLY_ONCE -> AT_LEAST_ONCE",
                    drifting + "checkpointing.timeout: 10m -> 30000",
                    "unmanaged - adhoc-backfill",
                    "missing component:default/sessionizer sessionizer"), flink::close);
        }
    }
}

package dev.steward.testing;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.LoggerFactory;

/**
 * A real Flink for tests: a MiniCluster (JobManager, one TaskManager and the REST endpoint, on 127.0.0.1
 * and a free port) in this JVM, running small unbounded streaming jobs: numbers emitted slowly, keyed,
 * summed, into a discarding sink. Flink's own logging is quieted to errors while it runs.
 */
public final class LocalFlink implements AutoCloseable {
    private static final List<String> QUIET = List.of("org.apache.flink", "org.apache.pekko", "akka");

    private final MiniCluster cluster;
    private final String restUrl;
    private final Map<String, Level> levels;
    private boolean closed;

    private LocalFlink(MiniCluster cluster, String restUrl, Map<String, Level> levels) {
        this.cluster = cluster;
        this.restUrl = restUrl;
        this.levels = levels;
    }

    /** Checkpointing of a job: every {@code interval}, in {@code mode}, given up after {@code timeout}. */
    public record Checkpoints(Duration interval, CheckpointingMode mode, Duration timeout) {
    }

    public static LocalFlink start(int slots) throws Exception {
        Map<String, Level> levels = new HashMap<>();
        for (String name : QUIET) {
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.ERROR);
        }
        Configuration config = new Configuration();
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .withRandomPorts()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.start();
        URI rest = cluster.getRestAddress().get(30, TimeUnit.SECONDS);
        return new LocalFlink(cluster, "http://127.0.0.1:" + rest.getPort(), levels);
    }

    public String restUrl() {
        return restUrl;
    }

    public MiniCluster cluster() {
        return cluster;
    }

    /** Submits a job named {@code name}; {@code checkpoints} null runs it without checkpointing. */
    public JobID submit(String name, int parallelism, Checkpoints checkpoints) throws Exception {
        Configuration jobConfig = new Configuration();
        jobConfig.set(PipelineOptions.NAME, name);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(jobConfig);
        env.setParallelism(parallelism);
        if (checkpoints != null) {
            env.enableCheckpointing(checkpoints.interval().toMillis(), checkpoints.mode());
            env.getCheckpointConfig().setCheckpointTimeout(checkpoints.timeout().toMillis());
        }
        DataGeneratorSource<Long> numbers = new DataGeneratorSource<>(
                (GeneratorFunction<Long, Long>) n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(20), Types.LONG);
        env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "orders")
                .keyBy(n -> n % 4, Types.LONG)
                .reduce(Long::sum)
                .name("enrich")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        return cluster.submitJob(graph).get(30, TimeUnit.SECONDS).getJobID();
    }

    /** Waits, up to 45 s, until the job runs. */
    public void awaitRunning(JobID job) throws Exception {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (true) {
            JobStatus status = cluster.getJobStatus(job).get(10, TimeUnit.SECONDS);
            if (status == JobStatus.RUNNING) return;
            if (status.isGloballyTerminalState()) throw new AssertionError("the job ended: " + status);
            if (System.nanoTime() > giveUpAt) throw new AssertionError("not running within 45 s: " + status);
            Thread.sleep(50);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) return;
        closed = true;
        try {
            cluster.closeAsync().get(30, TimeUnit.SECONDS);
        } finally {
            levels.forEach((name, level) -> ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(level));
        }
    }
}

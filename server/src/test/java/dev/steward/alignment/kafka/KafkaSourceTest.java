package dev.steward.alignment.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import dev.steward.alignment.PlatformSource.SourceUnavailable;
import dev.steward.catalog.EntityRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@link KafkaSource} against a real Kafka broker: a single KRaft node (broker and controller in one)
 * started in this JVM, listening on 127.0.0.1 only, with a plaintext and a SASL/PLAIN listener.
 */
class KafkaSourceTest {
    private static final EntityRef CLUSTER = EntityRef.parse("resource:kafka-test");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String USER = "steward";
    private static final String PASSWORD = "steward-secret";
    private static final String DEFAULT_TOPIC = "orders";
    private static final String COMPACTED_TOPIC = "customers-latest";
    private static final String OFFSETS_TOPIC = "__consumer_offsets";
    private static final long WEEK_MS = 604_800_000L;
    private static final List<String> QUIET = List.of("kafka", "org.apache.kafka", "state.change.logger");

    @TempDir
    static Path sharedDir;

    private static final Map<String, Level> levels = new HashMap<>();
    private static Broker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        for (String name : QUIET) {
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.WARN);
        }
        broker = Broker.start(sharedDir, 1);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.plaintext,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
        admin.createTopics(List.of(
                new NewTopic(DEFAULT_TOPIC, 1, (short) 1),
                new NewTopic(COMPACTED_TOPIC, 3, (short) 1).configs(Map.of(
                        "retention.ms", "86400000",
                        "cleanup.policy", "compact")))).all().get();
        // Looking for a consumer group's coordinator makes the broker create its internal offsets topic.
        try {
            admin.describeConsumerGroups(List.of("steward-probe")).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) throw e;
        }
        // Topics are created by the controller; the broker's metadata follows a moment later.
        awaitTopics(Set.of(DEFAULT_TOPIC, COMPACTED_TOPIC, OFFSETS_TOPIC));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        try {
            if (admin != null) admin.close(Duration.ofSeconds(5));
        } finally {
            try {
                if (broker != null) broker.close();
            } finally {
                for (String name : QUIET) {
                    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(levels.get(name));
                }
            }
        }
    }

    @Test
    void observesEveryTopicWithEffectiveConfigsAndFacts() throws Exception {
        try (KafkaSource source = new KafkaSource(CLUSTER, broker.plaintext, Map.of())) {
            assertEquals("kafka:resource:default/kafka-test", source.name());
            assertEquals(List.of(AssetKind.KAFKA_TOPIC), source.holds());

            Map<String, LiveAsset> assets = byName(source.observe(TIMEOUT));
            assertEquals(Set.of(COMPACTED_TOPIC, OFFSETS_TOPIC, DEFAULT_TOPIC), assets.keySet());
            for (LiveAsset asset : assets.values()) {
                assertEquals(AssetKind.KAFKA_TOPIC, asset.kind());
                assertEquals(CLUSTER, asset.cluster());
            }

            LiveAsset orders = assets.get(DEFAULT_TOPIC);
            assertEquals(ordered(
                    "partitions", 1L,
                    "replicationFactor", 1L,
                    "cleanupPolicy", "delete",
                    "retention.ms", WEEK_MS,
                    "minInsyncReplicas", 1L), orders.fields());
            assertEquals(ordered(
                    "partitions", 1L,
                    "replicationFactor", 1L,
                    "underReplicatedPartitions", 0L,
                    "configOverrides", List.of()), orders.facts());

            LiveAsset compacted = assets.get(COMPACTED_TOPIC);
            assertEquals(ordered(
                    "partitions", 3L,
                    "replicationFactor", 1L,
                    "cleanupPolicy", "compact",
                    "retention.ms", 86_400_000L,
                    "minInsyncReplicas", 1L), compacted.fields());
            assertEquals(ordered(
                    "partitions", 3L,
                    "replicationFactor", 1L,
                    "underReplicatedPartitions", 0L,
                    "configOverrides", List.of("cleanup.policy", "retention.ms")), compacted.facts());

            // The broker's own internal topic is reported too: the caller decides what to make of it.
            LiveAsset offsets = assets.get(OFFSETS_TOPIC);
            assertEquals(1L, offsets.fields().get("partitions"));
            assertEquals("compact", offsets.fields().get("cleanupPolicy"));
            assertTrue(((List<?>) offsets.facts().get("configOverrides")).contains("cleanup.policy"),
                    offsets.facts().toString());

            // A second scan with another timeout sees the same.
            assertEquals(assets, byName(source.observe(Duration.ofSeconds(5))));
        }
    }

    @Test
    void credentialsFromTheClientPropertiesAreUsed() throws Exception {
        try (KafkaSource source = new KafkaSource(CLUSTER, broker.sasl, sasl(PASSWORD))) {
            Set<String> names = byName(source.observe(TIMEOUT)).keySet();
            assertEquals(Set.of(COMPACTED_TOPIC, OFFSETS_TOPIC, DEFAULT_TOPIC), names);
        }
    }

    @Test
    void aRejectedLoginMakesTheSourceUnavailable() {
        Duration timeout = Duration.ofSeconds(2);
        try (KafkaSource source = new KafkaSource(CLUSTER, broker.sasl, sasl("wrong-password"))) {
            long start = System.nanoTime();
            SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(timeout));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(timeout.multipliedBy(3)) < 0, "took " + took);
            assertTrue(e.getMessage().contains(broker.sasl), e.getMessage());
            assertTrue(causes(e).stream().anyMatch(SaslAuthenticationException.class::isInstance), causes(e).toString());
        }
    }

    @Test
    void nobodyListeningMakesTheSourceUnavailableWithinTheTimeout() throws Exception {
        String address = "127.0.0.1:" + freePorts(1)[0];
        Duration timeout = Duration.ofSeconds(2);
        try (KafkaSource source = new KafkaSource(CLUSTER, address, Map.of())) {
            long start = System.nanoTime();
            SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(timeout));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(timeout.multipliedBy(3)) < 0, "took " + took);
            assertTrue(e.getMessage().contains(address), e.getMessage());
            assertNotNull(e.getCause());
        }
    }

    @Test
    void aStoppedBrokerMakesTheSourceUnavailableWithinTheTimeout(@TempDir Path dir) throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        Broker stopping = Broker.start(dir, 2);
        try (KafkaSource source = new KafkaSource(CLUSTER, stopping.plaintext, Map.of())) {
            try {
                assertEquals(List.of(), source.observe(TIMEOUT));
            } finally {
                stopping.close();
            }
            long start = System.nanoTime();
            SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(timeout));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(timeout.multipliedBy(3)) < 0, "took " + took);
            assertTrue(e.getMessage().contains(stopping.plaintext), e.getMessage());
            assertNotNull(e.getCause());
        } finally {
            stopping.close();
        }
    }

    @Test
    void badClientSettingsMakeTheSourceUnavailable() {
        try (KafkaSource source = new KafkaSource(CLUSTER, broker.plaintext, Map.of("security.protocol", "NONSENSE"))) {
            SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(TIMEOUT));
            assertTrue(e.getMessage().contains(broker.plaintext), e.getMessage());
            assertNotNull(e.getCause());
        }
    }

    private static Map<String, String> sasl(String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + USER + "\" password=\"" + password + "\";");
    }

    private static Map<String, LiveAsset> byName(List<LiveAsset> assets) {
        Map<String, LiveAsset> byName = assets.stream().collect(Collectors.toMap(LiveAsset::name, Function.identity()));
        assertEquals(assets.size(), byName.size(), "one asset per topic");
        return byName;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) chain.add(t);
        return chain;
    }

    /** Waits, up to 30 s, until the broker describes every one of {@code topics} with all its partitions led. */
    private static void awaitTopics(Set<String> topics) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                Set<String> listed = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
                if (listed.containsAll(topics)) {
                    Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
                    boolean led = described.values().stream().flatMap(d -> d.partitions().stream())
                            .allMatch(p -> p.leader() != null && !p.isr().isEmpty());
                    if (led) return;
                }
            } catch (ExecutionException notYet) {
                // The broker has not caught up yet.
            }
            if (System.nanoTime() > deadline) throw new AssertionError("topics " + topics + " never appeared");
            Thread.sleep(20);
        }
    }

    /** {@code n} distinct ports free on 127.0.0.1 a moment ago. */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) socket.close();
        }
    }

    /**
     * One KRaft node, broker and controller, formatted and started as {@code kafka-storage format} and
     * {@code kafka-server-start} would, on ports of 127.0.0.1. The controller's port must be known before
     * it starts (the quorum names it), so ports are picked free and the start is tried again, in a new
     * directory, in the unlikely case another process took one in between.
     */
    static final class Broker implements AutoCloseable {
        final String plaintext;
        final String sasl;
        private final KafkaRaftServer server;
        private boolean stopped;

        private Broker(KafkaRaftServer server, String plaintext, String sasl) {
            this.server = server;
            this.plaintext = plaintext;
            this.sasl = sasl;
        }

        static Broker start(Path dir, int nodeId) throws Exception {
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOnce(dir.resolve("attempt-" + attempt), nodeId);
                } catch (Exception e) {
                    boolean portTaken = causes(e).stream().anyMatch(BindException.class::isInstance);
                    if (!portTaken || attempt == 3) throw e;
                }
            }
        }

        private static Broker startOnce(Path dir, int nodeId) throws Exception {
            int[] ports = freePorts(3);
            String plaintext = "127.0.0.1:" + ports[0];
            String sasl = "127.0.0.1:" + ports[1];
            String controller = "127.0.0.1:" + ports[2];
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", Integer.toString(nodeId));
            props.put("controller.quorum.voters", nodeId + "@" + controller);
            props.put("listeners", "PLAINTEXT://" + plaintext + ",SASL_PLAINTEXT://" + sasl + ",CONTROLLER://" + controller);
            props.put("advertised.listeners", "PLAINTEXT://" + plaintext + ",SASL_PLAINTEXT://" + sasl);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + USER + "=\"" + PASSWORD + "\";");
            props.put("log.dirs", dir.resolve("data").toString());
            props.put("auto.create.topics.enable", "false");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "2");
            props.put("log.cleaner.dedupe.buffer.size", "2097152");
            Files.createDirectories(dir);
            Path file = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "KafkaSourceTest");
            }

            ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
            int formatted = StorageTool.execute(new String[] {"format", "--config", file.toString(),
                    "--cluster-id", Uuid.randomUuid().toString()}, new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
            assertEquals(0, formatted, formatOutput.toString(StandardCharsets.UTF_8));

            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            try {
                // Returns once the controller is up and the broker is registered and unfenced.
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                server.awaitShutdown();
                throw e;
            }
            return new Broker(server, plaintext, sasl);
        }

        @Override
        public synchronized void close() {
            if (stopped) return;
            stopped = true;
            server.shutdown();
            server.awaitShutdown();
        }
    }
}

package dev.steward.alignment.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import dev.steward.alignment.PlatformSource.SourceUnavailable;
import dev.steward.catalog.model.EntityRef;
import dev.steward.testing.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@link KafkaSource} against a real Kafka broker: a single KRaft node (broker and controller in one)
 * started in this JVM ({@link LocalKafka}), with a plaintext and a SASL/PLAIN listener.
 */
class KafkaSourceTest {
    private static final EntityRef CLUSTER = EntityRef.parse("resource:kafka-test");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
        private static final String DEFAULT_TOPIC = "orders";
    private static final String COMPACTED_TOPIC = "customers-latest";
    private static final String OFFSETS_TOPIC = "__consumer_offsets";
    private static final long WEEK_MS = 604_800_000L;
    private static final List<String> QUIET = List.of("kafka", "org.apache.kafka", "state.change.logger");

    @TempDir
    static Path sharedDir;

    private static final Map<String, Level> levels = new HashMap<>();
    private static LocalKafka broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        for (String name : QUIET) {
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.WARN);
        }
        broker = LocalKafka.start(sharedDir, 1);
        admin = broker.admin();
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
        LocalKafka.awaitTopics(admin, Set.of(DEFAULT_TOPIC, COMPACTED_TOPIC, OFFSETS_TOPIC));
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
        try (KafkaSource source = new KafkaSource(CLUSTER, broker.plaintext(), Map.of())) {
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
        try (KafkaSource source = new KafkaSource(CLUSTER, broker.sasl(), sasl(LocalKafka.PASSWORD))) {
            Set<String> names = byName(source.observe(TIMEOUT)).keySet();
            assertEquals(Set.of(COMPACTED_TOPIC, OFFSETS_TOPIC, DEFAULT_TOPIC), names);
        }
    }

    @Test
    void aRejectedLoginMakesTheSourceUnavailable() {
        Duration timeout = Duration.ofSeconds(2);
        try (KafkaSource source = new KafkaSource(CLUSTER, broker.sasl(), sasl("wrong-password"))) {
            long start = System.nanoTime();
            SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(timeout));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(timeout.multipliedBy(3)) < 0, "took " + took);
            assertTrue(e.getMessage().contains(broker.sasl()), e.getMessage());
            assertTrue(LocalKafka.causes(e).stream().anyMatch(SaslAuthenticationException.class::isInstance), LocalKafka.causes(e).toString());
        }
    }

    @Test
    void nobodyListeningMakesTheSourceUnavailableWithinTheTimeout() throws Exception {
        String address = "127.0.0.1:" + LocalKafka.freePorts(1)[0];
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
        LocalKafka stopping = LocalKafka.start(dir, 2);
        try (KafkaSource source = new KafkaSource(CLUSTER, stopping.plaintext(), Map.of())) {
            try {
                assertEquals(List.of(), source.observe(TIMEOUT));
            } finally {
                stopping.close();
            }
            long start = System.nanoTime();
            SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(timeout));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(timeout.multipliedBy(3)) < 0, "took " + took);
            assertTrue(e.getMessage().contains(stopping.plaintext()), e.getMessage());
            assertNotNull(e.getCause());
        } finally {
            stopping.close();
        }
    }

    @Test
    void badClientSettingsMakeTheSourceUnavailable() {
        try (KafkaSource source = new KafkaSource(CLUSTER, broker.plaintext(), Map.of("security.protocol", "NONSENSE"))) {
            SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(TIMEOUT));
            assertTrue(e.getMessage().contains(broker.plaintext()), e.getMessage());
            assertNotNull(e.getCause());
        }
    }

    private static Map<String, String> sasl(String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + LocalKafka.USER + "\" password=\"" + password + "\";");
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

}

package dev.steward.alignment.kafka;

import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import dev.steward.alignment.PlatformSource;
import dev.steward.catalog.model.EntityRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topics of one Kafka cluster, read with Kafka's {@link Admin} client: every topic (internal ones,
 * named {@code __…}, included: the caller decides what to make of them), its partitions and replication
 * factor, and the effective values of the configs manifests declare, broker and built-in defaults
 * included. Read-only: it lists and describes, never changes anything.
 *
 * <p>{@code clientProperties} are passed to the client as they are (credentials such as
 * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} come from the
 * environment, never from the settings file); the bootstrap servers and the timeouts are this
 * source's own. Each {@link #observe} gives up after its timeout as a whole.
 */
public final class KafkaSource implements PlatformSource {
    private static final String CLEANUP_POLICY = "cleanup.policy";
    private static final String RETENTION_MS = "retention.ms";
    private static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private final EntityRef cluster;
    private final String bootstrapServers;
    private final Map<String, String> clientProperties;

    private Admin admin;
    private Duration adminTimeout;
    private boolean closed;

    public KafkaSource(EntityRef cluster, String bootstrapServers, Map<String, String> clientProperties) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka source for " + cluster + " needs bootstrapServers");
        }
        this.bootstrapServers = bootstrapServers.trim();
        this.clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    @Override
    public String name() {
        return "kafka:" + cluster;
    }

    @Override
    public List<AssetKind> holds() {
        return List.of(AssetKind.KAFKA_TOPIC);
    }

    /** The cluster ref the topics are reported on. */
    public EntityRef cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public synchronized List<LiveAsset> observe(Duration timeout) throws SourceUnavailable {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (closed) {
            throw new IllegalStateException(name() + " is closed");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        // The client enforces the deadline itself; a short grace after it lets its own, more precise error
        // through, and bounds the whole scan however the client behaves.
        long giveUpAt = deadline + Math.min(timeout.toNanos() / 2, TimeUnit.SECONDS.toNanos(1));
        try {
            Admin client = admin(timeout);

            Set<String> names = await(client.listTopics(new ListTopicsOptions().listInternal(true)
                    .timeoutMs(remainingMs(deadline))).names(), giveUpAt);
            if (names.isEmpty()) return List.of();

            Map<String, KafkaFuture<TopicDescription>> described = client.describeTopics(
                    TopicCollection.ofTopicNames(names),
                    new DescribeTopicsOptions().timeoutMs(remainingMs(deadline))).topicNameValues();
            List<ConfigResource> resources = new ArrayList<>(names.size());
            for (String name : names) resources.add(new ConfigResource(ConfigResource.Type.TOPIC, name));
            Map<ConfigResource, KafkaFuture<Config>> configured = client.describeConfigs(resources,
                    new DescribeConfigsOptions().timeoutMs(remainingMs(deadline))).values();

            List<LiveAsset> assets = new ArrayList<>(names.size());
            for (String name : names.stream().sorted().toList()) {
                // A topic deleted between the listing and the description is simply gone.
                TopicDescription description = awaitTopic(described.get(name), giveUpAt);
                if (description == null) continue;
                Config config = awaitTopic(configured.get(new ConfigResource(ConfigResource.Type.TOPIC, name)),
                        giveUpAt);
                if (config == null) continue;
                assets.add(asset(description, config));
            }
            return List.copyOf(assets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailable(describe() + " was not read: interrupted", e);
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw new SourceUnavailable(describe() + " did not answer within " + timeout.toMillis() + " ms: "
                    + messageOf(e), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new SourceUnavailable(describe() + " did not answer within " + timeout.toMillis() + " ms: "
                        + messageOf(cause), cause);
            }
            throw new SourceUnavailable(describe() + " could not be read: " + messageOf(cause), cause);
        } catch (RuntimeException e) {
            // Client configuration (unresolvable hosts, bad credentials settings) and anything else.
            throw new SourceUnavailable(describe() + " could not be read: " + messageOf(e), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeAdmin();
    }

    private LiveAsset asset(TopicDescription description, Config config) {
        List<TopicPartitionInfo> partitions = new ArrayList<>(description.partitions());
        partitions.sort(Comparator.comparingInt(TopicPartitionInfo::partition));
        long partitionCount = partitions.size();
        long replicationFactor = partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
        long underReplicated = partitions.stream().filter(p -> p.isr().size() < p.replicas().size()).count();

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("partitions", partitionCount);
        fields.put("replicationFactor", replicationFactor);
        putString(fields, "cleanupPolicy", config.get(CLEANUP_POLICY));
        putLong(fields, "retention.ms", config.get(RETENTION_MS));
        putLong(fields, "minInsyncReplicas", config.get(MIN_INSYNC_REPLICAS));

        List<String> overrides = new ArrayList<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) overrides.add(entry.name());
        }
        Collections.sort(overrides);

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("partitions", partitionCount);
        facts.put("replicationFactor", replicationFactor);
        facts.put("underReplicatedPartitions", underReplicated);
        facts.put("configOverrides", List.copyOf(overrides));

        return new LiveAsset(AssetKind.KAFKA_TOPIC, cluster, description.name(),
                Collections.unmodifiableMap(fields), Collections.unmodifiableMap(facts));
    }

    private static void putString(Map<String, Object> fields, String key, ConfigEntry entry) {
        if (entry != null && entry.value() != null) fields.put(key, entry.value());
    }

    private static void putLong(Map<String, Object> fields, String key, ConfigEntry entry) {
        if (entry == null || entry.value() == null) return;
        try {
            fields.put(key, Long.parseLong(entry.value().trim()));
        } catch (NumberFormatException e) {
            fields.put(key, entry.value());
        }
    }

    /** The client, made on first use and again when the timeout changes (its timeouts are fixed at creation). */
    private Admin admin(Duration timeout) {
        if (admin != null && timeout.equals(adminTimeout)) return admin;
        closeAdmin();
        int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        // A connection that cannot be set up within the timeout is no use either.
        config.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, ms);
        config.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, ms);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "steward-alignment-" + cluster.name());
        admin = Admin.create(config);
        adminTimeout = timeout;
        return admin;
    }

    private void closeAdmin() {
        if (admin == null) return;
        try {
            admin.close(Duration.ofSeconds(5));
        } catch (RuntimeException ignored) {
            // Closing is best effort: the client's threads end either way.
        } finally {
            admin = null;
            adminTimeout = null;
        }
    }

    private static <T> T await(KafkaFuture<T> future, long giveUpAt)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** A topic's result, or null when the topic no longer exists. */
    private static <T> T awaitTopic(KafkaFuture<T> future, long giveUpAt)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (future == null) return null;
        try {
            return await(future, giveUpAt);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) return null;
            throw e;
        }
    }

    private static int remainingMs(long deadline) {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    private String describe() {
        return "Kafka cluster " + cluster + " at " + bootstrapServers;
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    @Override
    public String toString() {
        return name() + " (" + bootstrapServers + ")";
    }
}

package dev.steward.testing;

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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker for tests: one KRaft node (broker and controller in one), formatted and started
 * as {@code kafka-storage format} and {@code kafka-server-start} would, in this JVM, listening on
 * 127.0.0.1 only, with a plaintext and a SASL/PLAIN listener ({@link #USER}/{@link #PASSWORD}).
 */
public final class LocalKafka implements AutoCloseable {
    public static final String USER = "steward";
    public static final String PASSWORD = "steward-secret";

    private final String plaintext;
    private final String sasl;
    private final KafkaRaftServer server;
    private boolean stopped;

    private LocalKafka(KafkaRaftServer server, String plaintext, String sasl) {
        this.server = server;
        this.plaintext = plaintext;
        this.sasl = sasl;
    }

    /** {@code host:port} of the plaintext listener. */
    public String plaintext() {
        return plaintext;
    }

    /** {@code host:port} of the SASL/PLAIN listener. */
    public String sasl() {
        return sasl;
    }

    /**
     * Starts a node in {@code dir}. The controller's port must be known before it starts (the quorum
     * names it), so ports are picked free and the start is tried again, in a new directory, in the
     * unlikely case another process took one in between.
     */
    public static LocalKafka start(Path dir, int nodeId) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dir.resolve("attempt-" + attempt), nodeId);
            } catch (Exception e) {
                boolean portTaken = causes(e).stream().anyMatch(BindException.class::isInstance);
                if (!portTaken || attempt == 3) throw e;
            }
        }
    }

    /** An admin client of the plaintext listener. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintext,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** Creates {@code topics} and returns once the broker describes each with all its partitions led. */
    public void createTopics(Collection<NewTopic> topics) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get();
            awaitTopics(admin, topics.stream().map(NewTopic::name).collect(java.util.stream.Collectors.toSet()));
        }
    }

    /**
     * Waits, up to 30 s, until the broker describes every one of {@code topics} with all its partitions
     * led: topics are created by the controller, and the broker's metadata follows a moment later.
     */
    public static void awaitTopics(Admin admin, Set<String> topics) throws Exception {
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
    public static int[] freePorts(int n) throws IOException {
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

    /** The exception and its causes, outermost first. */
    public static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) chain.add(t);
        return chain;
    }

    private static LocalKafka startOnce(Path dir, int nodeId) throws Exception {
        int[] ports = freePorts(3);
        String plaintext = "127.0.0.1:" + ports[0];
        String sasl = "127.0.0.1:" + ports[1];
        String controller = "127.0.0.1:" + ports[2];
        Properties props = properties(dir, nodeId, plaintext, sasl, controller);
        Files.createDirectories(dir);
        Path file = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "LocalKafka");
        }

        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        int formatted = StorageTool.execute(new String[] {"format", "--config", file.toString(),
                "--cluster-id", Uuid.randomUuid().toString()}, new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
        if (formatted != 0) throw new IllegalStateException("kafka-storage format: " + formatOutput.toString(StandardCharsets.UTF_8));

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        try {
            // Returns once the controller is up and the broker is registered and unfenced.
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        return new LocalKafka(server, plaintext, sasl);
    }

    private static Properties properties(Path dir, int nodeId, String plaintext, String sasl, String controller) {
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
        return props;
    }

    @Override
    public synchronized void close() {
        if (stopped) return;
        stopped = true;
        server.shutdown();
        server.awaitShutdown();
    }
}

package dev.steward.alignment.kafka;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.user;

import dev.steward.testing.AlignmentScenario;
import dev.steward.testing.LocalKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka alignment end to end against a real broker (KRaft, in this JVM): {@code steward align} and a
 * served replica find an unmanaged topic, a missing one and drift on every compared field (partitions,
 * replicationFactor, cleanupPolicy, retention.ms), nothing on a matching topic, on the broker's internal
 * topics, on an experimental entity or on another cluster's; then the broker stops.
 */
class KafkaAlignmentTest {
    private static final String CATALOG = group("streaming", "members: [sam]") + user("sam")
            + resource("kafka-test", "type: kafka-cluster\nowner: streaming")
            + resource("kafka-other", "type: kafka-cluster\nowner: streaming")
            // Matches the live topic on every compared field; the retention is the broker's default, a week.
            + resource("orders.order-events.v1", """
                    type: kafka-topic
                    owner: streaming
                    cluster: kafka-test
                    partitions: 3
                    replicationFactor: 1
                    cleanupPolicy: delete
                    retention: {ms: 604800000}""")
            // Differs from the live topic on every compared field.
            + resource("payments.payment-events.v1", """
                    type: kafka-topic
                    owner: streaming
                    cluster: kafka-test
                    partitions: 6
                    replicationFactor: 3
                    cleanupPolicy: compact
                    retention: {ms: 86400000}""")
            + resource("refunds.v1", "type: kafka-topic\nowner: streaming\ncluster: kafka-test\npartitions: 1")
            + resource("trial.v0", "type: kafka-topic\nowner: streaming\ncluster: kafka-test\nlifecycle: experimental")
            + resource("elsewhere.v1", "type: kafka-topic\nowner: streaming\ncluster: kafka-other");

    @TempDir
    Path tmp;

    @Test
    void findsEveryKindAndDriftOnEveryFieldThenGoesStaleWhenTheBrokerStops() throws Exception {
        LocalKafka broker = LocalKafka.start(tmp.resolve("kafka"), 1);
        try {
            broker.createTopics(List.of(
                    new NewTopic("orders.order-events.v1", 3, (short) 1),
                    new NewTopic("payments.payment-events.v1", 2, (short) 1).configs(Map.of("cleanup.policy", "delete")),
                    new NewTopic("scratch.adhoc", 1, (short) 1)));
            createOffsetsTopic(broker);

            AlignmentScenario scenario = AlignmentScenario.of(tmp, CATALOG,
                    "{kind: kafka, cluster: resource:kafka-test, bootstrapServers: \"" + broker.plaintext() + "\"}");
            String drifting = "drift resource:default/payments.payment-events.v1 payments.payment-events.v1 ";
            scenario.assertFindingsThenStaleWhenDown(Set.of(
                    drifting + "partitions: 6 -> 2",
                    drifting + "replicationFactor: 3 -> 1",
                    drifting + "cleanupPolicy: compact -> delete",
                    drifting + "retention.ms: 86400000 -> 604800000",
                    "unmanaged - scratch.adhoc",
                    "missing resource:default/refunds.v1 refunds.v1"), broker::close);
        } finally {
            broker.close();
        }
    }

    /** Looking for a consumer group's coordinator makes the broker create its internal offsets topic. */
    private static void createOffsetsTopic(LocalKafka broker) throws Exception {
        try (Admin admin = broker.admin()) {
            try {
                admin.describeConsumerGroups(List.of("steward-probe")).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) throw e;
            }
            LocalKafka.awaitTopics(admin, Set.of("__consumer_offsets"));
        }
    }
}

package dev.steward.alignment;

import static dev.steward.testing.Yaml.doc;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.EntityRef;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison rules of PRODUCT.md's "Platform alignment", on observations as sources report them:
 * matching by identity, drift per compared field with the platform's forms, unmanaged and missing,
 * internal topics, experimental entities, and sources that are down.
 */
class AlignmentCheckTest {
    private static final EntityRef KAFKA = EntityRef.parse("resource:default/kafka-prod");
    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
    private static final String CATALOG = group("streaming", "members: [ana]") + user("ana")
            + resource("kafka-prod", "type: kafka-cluster\nowner: streaming")
            + resource("orders", "type: kafka-topic\nowner: streaming\ncluster: kafka-prod\npartitions: 12\n"
                    + "replicationFactor: 3\ncleanupPolicy: delete\nretention: {ms: 604800000}")
            + resource("payments", "type: kafka-topic\nowner: streaming\ncluster: kafka-prod\npartitions: 6\n"
                    + "retention: {ms: 86400000}")
            + doc("Resource", "renamed", "type: kafka-topic\nowner: streaming\ncluster: kafka-prod")
                    .replace("  name: renamed", "  name: renamed\n  annotations: {steward.dev/kafka-topic: legacy.events}")
            + resource("gone", "type: kafka-topic\nowner: streaming\ncluster: kafka-prod")
            + resource("trial", "type: kafka-topic\nowner: streaming\ncluster: kafka-prod\nlifecycle: experimental")
            + resource("orders-fact", "type: iceberg-table\nowner: streaming\ntable: lake.orders_fact\n"
                    + "partitioning: [\"days(order_ts)\", \"bucket(16, customer_id)\"]\nformatVersion: 2\n"
                    + "properties: {write.metadata.delete-after-commit.enabled: 'true'}");

    @TempDir
    Path tmp;

    private Catalog catalog() {
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", CATALOG).commit("main");
            Catalog c = repo.load();
            assertTrue(c.isValid(), () -> c.problems().toString());
            return c;
        }
    }

    private static LiveAsset topic(String name, long partitions, long rf, String cleanup, long retention) {
        return new LiveAsset(AssetKind.KAFKA_TOPIC, KAFKA, name, Map.of("partitions", partitions,
                "replicationFactor", rf, "cleanupPolicy", cleanup, "retention.ms", retention), Map.of("partitions", partitions));
    }

    private static Observation kafka(List<LiveAsset> assets) {
        return new Observation("kafka:" + KAFKA, KAFKA, List.of(AssetKind.KAFKA_TOPIC), AT, assets, null);
    }

    private static Observation iceberg(List<LiveAsset> assets) {
        return new Observation("iceberg-jdbc:lake", null, List.of(AssetKind.ICEBERG_TABLE), AT, assets,
                assets == null ? "connection refused" : null);
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.kind().label() + " " + (f.entity() == null ? f.asset() : f.entity().name())
                + (f.field() == null ? "" : " " + f.field() + " " + f.declared() + "≠" + f.actual()))
                .sorted().collect(Collectors.joining("\n"));
    }

    @Test
    void findsDriftUnmanagedAndMissingAndNothingOnAMatchingAsset() {
        Map<String, Object> table = Map.of("partitioning", List.of("day(order_ts)", "bucket[16](customer_id)"),
                "formatVersion", 2L, "properties.write.metadata.delete-after-commit.enabled", "false");
        AlignmentCheck.Result result = AlignmentCheck.check(catalog(), List.of(
                kafka(List.of(topic("orders", 12, 3, "delete", 604800000L), topic("payments", 8, 3, "delete", 86400000L),
                        topic("legacy.events", 1, 3, "delete", 1L), topic("clickstream", 3, 3, "delete", 1L),
                        topic("__consumer_offsets", 50, 3, "compact", -1L))),
                iceberg(List.of(new LiveAsset(AssetKind.ICEBERG_TABLE, null, "lake.orders_fact", table,
                        Map.of("snapshotCount", 4L))))));
        assertEquals("""
                drift orders-fact properties.write.metadata.delete-after-commit.enabled true≠false
                drift payments partitions 6≠8
                missing gone
                unmanaged clickstream""", describe(result.findings()));
        assertEquals(Map.of("snapshotCount", 4L), result.facts().get(EntityRef.parse("resource:orders-fact")));
        Finding missing = result.findings().stream().filter(f -> f.kind() == Finding.Kind.MISSING).findFirst().orElseThrow();
        assertEquals(EntityRef.parse("group:streaming"), missing.owner());
        assertEquals("gone", missing.asset());
    }

    @Test
    void aSourceThatIsDownMakesNothingMissing() {
        AlignmentCheck.Result result = AlignmentCheck.check(catalog(), List.of(
                kafka(List.of(topic("orders", 12, 3, "delete", 604800000L))), iceberg(null)));
        assertEquals("""
                missing gone
                missing payments
                missing renamed""", describe(result.findings()));
    }

    @Test
    void valuesCompareAsThePlatformMeansThem() {
        assertTrue(Normalize.same("checkpointing.interval", "60s", 60000L));
        assertTrue(Normalize.same("checkpointing.interval", "1m", 60000L));
        assertTrue(Normalize.same("partitions", 12L, 12));
        assertTrue(Normalize.same("cleanupPolicy", "Delete", "delete"));
        assertTrue(Normalize.same("cleanupPolicy", "compact, delete", "delete,compact"));
        assertTrue(!Normalize.same("cleanupPolicy", "compact", "compact,delete"));
        assertTrue(Normalize.same("checkpointing.mode", "exactly-once", "EXACTLY_ONCE"));
        assertTrue(Normalize.same("compatibility", "backward transitive", "BACKWARD_TRANSITIVE"));
        assertTrue(!Normalize.same("properties.write.format.default", "a-b", "a_b"), "only enum fields are loosened");
        assertTrue(Normalize.same("partitioning", List.of("days(ts)", "bucket(16, id)", "hour(ts)"),
                List.of("day(ts)", "bucket[16](id)", "hours(ts)")));
        assertTrue(!Normalize.same("partitioning", List.of("days(ts)"), List.of("months(ts)")));
    }
}

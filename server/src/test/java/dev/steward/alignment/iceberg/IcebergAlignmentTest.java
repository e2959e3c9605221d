package dev.steward.alignment.iceberg;

import static dev.steward.testing.Yaml.doc;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.user;

import dev.steward.testing.AlignmentScenario;
import dev.steward.testing.LocalIceberg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iceberg alignment end to end, for each catalog kind: a real JdbcCatalog over SQLite, and Iceberg's REST
 * catalog serving it. {@code steward align} and a served replica find an unmanaged table, a missing one
 * and drift on every compared field (partitioning, sortOrder, formatVersion, a property, snapshot
 * retention's age and count), nothing on a matching table or an experimental entity; then the catalog
 * goes away.
 */
class IcebergAlignmentTest {
    private static final Schema ORDERS = new Schema(
            Types.NestedField.required(1, "order_id", Types.LongType.get()),
            Types.NestedField.required(2, "order_ts", Types.TimestampType.withZone()),
            Types.NestedField.required(3, "customer_id", Types.LongType.get()));
    /** What both tables are given: what the matching manifest declares, and not what the drifting one does. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "format-version", "2",
            "write.distribution-mode", "hash",
            "history.expire.max-snapshot-age-ms", Long.toString(168 * 3_600_000L),
            "history.expire.min-snapshots-to-keep", "3");
    private static final String CATALOG = group("lakehouse", "members: [dana]") + user("dana")
            + resource("orders-fact", """
                    type: iceberg-table
                    owner: lakehouse
                    table: lake.orders_fact
                    partitioning: ["day(order_ts)"]
                    sortOrder: [order_id]
                    formatVersion: 2
                    properties: {write.distribution-mode: hash}
                    retention: {snapshots: {maxAgeHours: 168, minSnapshotsToKeep: 3}}""")
            + resource("customers", """
                    type: iceberg-table
                    owner: lakehouse
                    table: lake.customers
                    partitioning: ["days(order_ts)"]
                    sortOrder: [customer_id]
                    formatVersion: 1
                    properties: {write.distribution-mode: range}
                    retention: {snapshots: {maxAgeHours: 24, minSnapshotsToKeep: 10}}""")
            + resource("returns", "type: iceberg-table\nowner: lakehouse\ntable: lake.returns")
            + doc("Resource", "trial", "type: iceberg-table\nowner: lakehouse\ntable: lake.trial\nlifecycle: experimental");
    private static final String DRIFT = "drift resource:default/customers lake.customers ";
    private static final Set<String> FINDINGS = Set.of(
            DRIFT + "partitioning: [\"days(order_ts)\"] -> [\"bucket(8, customer_id)\"]",
            DRIFT + "sortOrder: [\"customer_id\"] -> []",
            DRIFT + "formatVersion: 1 -> 2",
            DRIFT + "properties.write.distribution-mode: range -> hash",
            DRIFT + "retention.snapshots.maxAgeHours: 24 -> 168",
            DRIFT + "retention.snapshots.minSnapshotsToKeep: 10 -> 3",
            "unmanaged - lake.scratch",
            "missing resource:default/returns lake.returns");

    @TempDir
    Path tmp;

    @Test
    void jdbcCatalogFindsEveryKindAndDriftOnEveryFieldThenGoesStaleWhenItsDatabaseGoes() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("catalog"));
        String uri = "jdbc:sqlite:" + folder.resolve("catalog.db");
        String warehouse = tmp.resolve("warehouse").toString();
        try (JdbcCatalog writer = LocalIceberg.writer(uri, warehouse)) {
            writeTables(writer);
        }
        AlignmentScenario.of(tmp, CATALOG, "{kind: iceberg-jdbc, uri: \"" + uri + "\", warehouse: \"" + warehouse + "\"}")
                .assertFindingsThenStaleWhenDown(FINDINGS, () -> Files.move(folder, tmp.resolve("catalog-gone")));
    }

    @Test
    void restCatalogFindsEveryKindAndDriftOnEveryFieldThenGoesStaleWhenItStops() throws Exception {
        String uri = "jdbc:sqlite:" + tmp.resolve("catalog.db");
        try (JdbcCatalog writer = LocalIceberg.writer(uri, tmp.resolve("warehouse").toString());
             LocalIceberg.RestServer rest = LocalIceberg.serve(writer, null)) {
            writeTables(writer);
            AlignmentScenario.of(tmp, CATALOG, "{kind: iceberg-rest, uri: \"" + rest.uri() + "\"}")
                    .assertFindingsThenStaleWhenDown(FINDINGS, rest::close);
        }
    }

    private static void writeTables(JdbcCatalog writer) {
        writer.createNamespace(Namespace.of("lake"));
        writer.buildTable(TableIdentifier.of("lake", "orders_fact"), ORDERS)
                .withPartitionSpec(PartitionSpec.builderFor(ORDERS).day("order_ts").build())
                .withSortOrder(SortOrder.builderFor(ORDERS).asc("order_id").build())
                .withProperties(PROPERTIES).create();
        writer.buildTable(TableIdentifier.of("lake", "customers"), ORDERS)
                .withPartitionSpec(PartitionSpec.builderFor(ORDERS).bucket("customer_id", 8).build())
                .withProperties(PROPERTIES).create();
        writer.buildTable(TableIdentifier.of("lake", "scratch"), ORDERS).create();
    }
}

package dev.steward.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.alignment.iceberg.IcebergSource;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.model.EntityRef;
import dev.steward.git.WorktreeSource;
import dev.steward.readiness.CheckResult;
import dev.steward.readiness.EntityReadiness;
import dev.steward.readiness.Evidence;
import dev.steward.readiness.ReadinessEvaluator;
import dev.steward.readiness.Voids;
import dev.steward.testing.ProjectPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example catalog's rule over {@code facts} (iceberg-table/compaction-keeps-up: the last compaction
 * is recent enough for the table's schedule), evaluated with what a real Iceberg table shows: unknown
 * before a compaction, met right after one, not met when it is older than the schedule allows.
 */
class ExampleFactsRuleTest {
    private static final Schema ORDERS = new Schema(Types.NestedField.required(1, "order_id", Types.LongType.get()));
    private static final EntityRef TABLE = EntityRef.parse("resource:orders-enriched");

    @TempDir
    Path tmp;

    @Test
    void compactionKeepsUpReadsTheLastReplaceSnapshotOfARealTable() throws Exception {
        Catalog example = new ManifestLoader().load(WorktreeSource.read(ProjectPaths.root(), "catalog-yaml", "runbooks",
                1 << 20));
        assertTrue(example.isValid(), () -> example.problems().toString());
        String uri = "jdbc:sqlite:" + tmp.resolve("catalog.db");
        String warehouse = tmp.resolve("warehouse").toString();
        JdbcCatalog writer = dev.steward.testing.LocalIceberg.writer(uri, warehouse);
        writer.createNamespace(Namespace.of("lakehouse"));
        Table table = writer.buildTable(TableIdentifier.of("lakehouse", "orders_enriched"), ORDERS).create();
        DataFile small = file(table, "a.parquet");
        table.newAppend().appendFile(small).commit();
        assertEquals("fail", status(example, observe(uri, warehouse, Clock.systemUTC())), "no compaction seen yet");

        table.newRewrite().deleteFile(small).addFile(file(table, "compacted.parquet")).commit(); // a replace snapshot
        writer.close();
        Instant compacted = table.currentSnapshot().timestampMillis() == 0 ? Instant.now()
                : Instant.ofEpochMilli(table.currentSnapshot().timestampMillis());
        assertEquals("pass", status(example, observe(uri, warehouse, Clock.systemUTC())), "compacted just now");
        Clock later = Clock.fixed(compacted.plus(Duration.ofHours(3)), java.time.ZoneOffset.UTC);
        assertEquals("fail", status(example, observe(uri, warehouse, later)),
                "an hourly schedule allows two hours since the last compaction");
    }

    private static DataFile file(Table table, String name) {
        return DataFiles.builder(PartitionSpec.unpartitioned()).withPath(table.location() + "/data/" + name)
                .withFileSizeInBytes(1024).withRecordCount(10).withFormat("parquet").build();
    }

    private static Map<String, Object> observe(String uri, String warehouse, Clock clock) throws Exception {
        try (IcebergSource source = IcebergSource.jdbc(uri, warehouse, Map.of(), clock)) {
            List<LiveAsset> assets = source.observe(Duration.ofSeconds(10));
            return assets.stream().filter(a -> a.name().equals("lakehouse.orders_enriched")).findFirst().orElseThrow().facts();
        }
    }

    private static String status(Catalog example, Map<String, Object> facts) {
        EntityReadiness r = new ReadinessEvaluator(example, Voids.BY_VALUE, ref -> ref.equals(TABLE) ? facts : Map.of())
                .evaluate(example.entity(TABLE), Evidence.NONE, Instant.now());
        CheckResult check = r.checklist("iceberg-table").checks().stream()
                .filter(c -> c.id().equals("compaction-keeps-up")).findFirst().orElseThrow();
        return check.status().label();
    }
}

package dev.steward.alignment.iceberg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import dev.steward.alignment.PlatformSource.SourceUnavailable;
import dev.steward.testing.LocalIceberg;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.avro.Avro;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.avro.DataWriter;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.transforms.Transforms;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IcebergSource} against a real Iceberg {@link JdbcCatalog} over a SQLite file with a local
 * warehouse, written through Iceberg's own API (real Avro data files, spec evolution, a compaction and
 * snapshot expiry), and against Iceberg's own REST catalog ({@link LocalIceberg#serve}) serving that same
 * catalog over HTTP.
 */
class IcebergSourceTest {
    private static final String CATALOG = "lakehouse";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final Schema ORDERS = new Schema(
            Types.NestedField.required(1, "order_id", Types.LongType.get()),
            Types.NestedField.required(2, "order_ts", Types.TimestampType.withZone()),
            Types.NestedField.required(3, "customer_id", Types.LongType.get()),
            Types.NestedField.optional(4, "region", Types.StringType.get()),
            Types.NestedField.optional(5, "amount", Types.DoubleType.get()));
    private static final Schema DAILY = new Schema(
            Types.NestedField.required(1, "order_date", Types.DateType.get()),
            Types.NestedField.required(2, "country", Types.StringType.get()),
            Types.NestedField.required(3, "orders", Types.LongType.get()));
    private static final Schema EVENTS = new Schema(
            Types.NestedField.required(1, "ts", Types.TimestampType.withoutZone()),
            Types.NestedField.required(2, "kind", Types.StringType.get()),
            Types.NestedField.optional(3, "payload", Types.StringType.get()));

    @TempDir
    static Path dir;

    private static String catalogUri;
    private static String warehouse;
    private static JdbcCatalog writer;
    private static LocalIceberg.RestServer rest;
    private static String restUri;
    private static Clock clock;
    private static final Queue<String> authorizations = new ConcurrentLinkedQueue<>();

    // What the writer saw, to hold the source's view against.
    private static TableMetadata orders;
    private static TableMetadata daily;
    private static TableMetadata events;
    private static Snapshot compaction;
    private static long ordersFilesSize;
    private static long dailyFilesSize;

    @BeforeAll
    static void writeCatalogAndServeIt() throws Exception {
        catalogUri = "jdbc:sqlite:" + dir.resolve("catalog.db");
        warehouse = dir.resolve("warehouse").toString();
        writer = new JdbcCatalog();
        writer.initialize(CATALOG, Map.of(
                "uri", catalogUri,
                "warehouse", warehouse,
                "io-impl", LocalFileIO.class.getName(),
                "jdbc.schema-version", "V1"));

        writer.createNamespace(Namespace.of("lakehouse"), Map.of("owner-team", "orders"));
        writer.createNamespace(Namespace.of("marts"), Map.of());
        writer.createNamespace(Namespace.of("lakehouse", "raw"), Map.of());

        writeOrders();
        writeDaily();
        writeEvents();

        // Iceberg's REST catalog, serving the same JdbcCatalog, on a port of its own; what the clients
        // sent is kept, to see that credentials in the source's props reach the catalog.
        Filter record = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String auth = http.getHeader("Authorization");
            authorizations.add(http.getMethod() + " " + http.getRequestURI() + " " + (auth == null ? "-" : auth));
            chain.doFilter(request, response);
        };
        rest = LocalIceberg.serve(writer, record);
        restUri = rest.uri();
    }

    @AfterAll
    static void stop() throws Exception {
        // In the reverse order of their start: the REST server, then the catalog it serves.
        if (rest != null) rest.close();
        if (writer != null) writer.close();
    }

    /**
     * lakehouse.orders_enriched: v2, days(order_ts) + bucket(16, customer_id), sorted, with properties;
     * two appends, the spec evolved (bucket removed, region added), a third append, a compaction of the
     * first two files, a fourth append, and the first two snapshots expired.
     */
    private static void writeOrders() throws IOException {
        PartitionSpec spec = PartitionSpec.builderFor(ORDERS).day("order_ts").bucket("customer_id", 16).build();
        SortOrder sort = SortOrder.builderFor(ORDERS).asc("customer_id").desc(Expressions.day("order_ts")).build();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("write.target-file-size-bytes", "536870912");
        props.put("write.distribution-mode", "hash");
        props.put("write.metadata.delete-after-commit.enabled", "true");
        props.put("write.metadata.previous-versions-max", "50");
        props.put("history.expire.max-snapshot-age-ms", Long.toString(168 * 3_600_000L));
        props.put("history.expire.min-snapshots-to-keep", "50");
        Table table = writer.buildTable(TableIdentifier.of("lakehouse", "orders_enriched"), ORDERS)
                .withPartitionSpec(spec).withSortOrder(sort).withProperties(props).create();

        DataFile a = write(table, "a", List.of(order(1, "2026-11-20T08:00:00Z", 7, "eu", 10.5),
                order(2, "2026-11-20T09:30:00Z", 7, "eu", 3.25)));
        table.newAppend().appendFile(a).commit();
        Snapshot first = table.currentSnapshot();
        DataFile b = write(table, "b", List.of(order(3, "2026-11-20T17:45:00Z", 7, "eu", 99.0)));
        table.newAppend().appendFile(b).commit();
        Snapshot second = table.currentSnapshot();

        table.updateSpec().removeField("customer_id_bucket").addField("region").commit();
        DataFile c = write(table, "c", List.of(order(4, "2026-11-21T12:00:00Z", 8, "eu", 1.0)));
        table.newAppend().appendFile(c).commit();

        // Compaction: the first two files, rewritten as one under the new spec (a `replace` snapshot).
        DataFile d = write(table, "d", List.of(order(1, "2026-11-20T08:00:00Z", 7, "eu", 10.5),
                order(2, "2026-11-20T09:30:00Z", 7, "eu", 3.25), order(3, "2026-11-20T17:45:00Z", 7, "eu", 99.0)));
        table.newRewrite().deleteFile(a).deleteFile(b).addFile(d).commit();
        compaction = table.currentSnapshot();
        assertEquals("replace", compaction.operation());

        DataFile e = write(table, "e", List.of(order(5, "2026-11-22T06:15:00Z", 9, "us", 42.0)));
        table.newAppend().appendFile(e).commit();

        table.expireSnapshots().expireSnapshotId(first.snapshotId()).expireSnapshotId(second.snapshotId()).commit();
        table.refresh();
        orders = ((HasTableOperations) table).operations().current();
        ordersFilesSize = c.fileSizeInBytes() + d.fileSizeInBytes() + e.fileSizeInBytes();
    }

    /** marts.orders_daily: months(order_date) + truncate(2, country), nulls placed against the default. */
    private static void writeDaily() throws IOException {
        PartitionSpec spec = PartitionSpec.builderFor(DAILY).month("order_date").truncate("country", 2).build();
        SortOrder sort = SortOrder.builderFor(DAILY).asc("order_date", NullOrder.NULLS_LAST)
                .desc("country", NullOrder.NULLS_FIRST).build();
        Table table = writer.buildTable(TableIdentifier.of("marts", "orders_daily"), DAILY)
                .withPartitionSpec(spec).withSortOrder(sort)
                .withProperty("history.expire.max-snapshot-age-ms", "5400000")
                .create();
        Record row = GenericRecord.create(DAILY);
        row.setField("order_date", LocalDate.parse("2026-11-20"));
        row.setField("country", "DE");
        row.setField("orders", 3L);
        DataFile file = write(table, "daily", List.of(row));
        table.newAppend().appendFile(file).commit();
        table.refresh();
        daily = ((HasTableOperations) table).operations().current();
        dailyFilesSize = file.fileSizeInBytes();
    }

    /** lakehouse.raw.events: format v1, hours(ts) + identity(kind), kind then removed (void in v1). */
    private static void writeEvents() {
        PartitionSpec spec = PartitionSpec.builderFor(EVENTS).hour("ts").identity("kind").build();
        Table table = writer.buildTable(TableIdentifier.of(Namespace.of("lakehouse", "raw"), "events"), EVENTS)
                .withPartitionSpec(spec).withProperty("format-version", "1").create();
        table.updateSpec().removeField("kind").commit();
        table.refresh();
        events = ((HasTableOperations) table).operations().current();
    }

    private static Record order(long id, String ts, long customer, String region, double amount) {
        Record r = GenericRecord.create(ORDERS);
        r.setField("order_id", id);
        r.setField("order_ts", OffsetDateTime.parse(ts));
        r.setField("customer_id", customer);
        r.setField("region", region);
        r.setField("amount", amount);
        return r;
    }

    /** A real Avro data file of {@code rows} (one partition) under the table's current spec. */
    private static DataFile write(Table table, String name, List<Record> rows) throws IOException {
        PartitionSpec spec = table.spec();
        PartitionKey key = new PartitionKey(spec, table.schema());
        key.partition(internal(rows.get(0)));
        OutputFile out = table.io().newOutputFile(table.locationProvider().newDataLocation(spec, key, name + ".avro"));
        FileAppender<Record> appender = Avro.write(out).schema(table.schema())
                .createWriterFunc(DataWriter::create).named(name).build();
        try (appender) {
            for (Record row : rows) appender.add(row);
        }
        return DataFiles.builder(spec).withInputFile(out.toInputFile()).withMetrics(appender.metrics())
                .withFormat(FileFormat.AVRO).withPartition(key).build();
    }

    /** The row as partition transforms read it: timestamps in microseconds, dates in days. */
    private static StructLike internal(Record row) {
        Record copy = row.copy();
        for (int i = 0; i < copy.size(); i++) {
            Object v = copy.get(i);
            if (v instanceof OffsetDateTime t) copy.set(i, ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant()));
            if (v instanceof LocalDateTime t) {
                copy.set(i, ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant(ZoneOffset.UTC)));
            }
            if (v instanceof LocalDate d) copy.set(i, (int) d.toEpochDay());
        }
        return copy;
    }

    /** The clock of the tests: two hours after the newest snapshot of any table. */
    private static Clock clock() {
        if (clock == null) {
            long newest = Math.max(orders.currentSnapshot().timestampMillis(), daily.currentSnapshot().timestampMillis());
            clock = Clock.fixed(Instant.ofEpochMilli(newest + 7_200_000L), ZoneOffset.UTC);
        }
        return clock;
    }

    private static Map<String, Object> properties(TableMetadata metadata) {
        Map<String, Object> out = new TreeMap<>();
        metadata.properties().forEach((k, v) -> out.put("properties." + k, v));
        return out;
    }

    private static long age(long millis) {
        return Math.floorDiv(clock().millis() - millis, 1000L);
    }

    /** The three tables as the source must see them, through whichever catalog client. */
    private static void assertTables(List<LiveAsset> assets) {
        assertEquals(List.of("lakehouse.orders_enriched", "lakehouse.raw.events", "marts.orders_daily"),
                assets.stream().map(LiveAsset::name).toList());
        for (LiveAsset asset : assets) {
            assertEquals(AssetKind.ICEBERG_TABLE, asset.kind());
            assertNull(asset.cluster());
        }

        // lakehouse.orders_enriched
        LiveAsset o = assets.get(0);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("partitioning", List.of("days(order_ts)", "identity(region)"));
        fields.put("sortOrder", List.of("customer_id", "days(order_ts) DESC"));
        fields.put("formatVersion", 2L);
        fields.putAll(properties(orders));
        fields.put("retention.snapshots.maxAgeHours", 168L);
        fields.put("retention.snapshots.minSnapshotsToKeep", 50L);
        assertEquals(fields, o.fields());
        assertEquals(List.copyOf(fields.keySet()), List.copyOf(o.fields().keySet()));
        // Every property the manifest declares is there, as text (and Iceberg's own defaults besides).
        assertEquals("536870912", o.fields().get("properties.write.target-file-size-bytes"));
        assertEquals("hash", o.fields().get("properties.write.distribution-mode"));
        assertEquals("true", o.fields().get("properties.write.metadata.delete-after-commit.enabled"));
        assertEquals("50", o.fields().get("properties.write.metadata.previous-versions-max"));
        assertEquals("604800000", o.fields().get("properties.history.expire.max-snapshot-age-ms"));

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("snapshotCount", 3L);
        facts.put("lastSnapshotAgeSeconds", age(orders.currentSnapshot().timestampMillis()));
        facts.put("lastCompactionAgeSeconds", age(compaction.timestampMillis()));
        facts.put("metadataFiles", 8L);
        facts.put("totalDataFiles", 3L);
        facts.put("totalFilesSize", ordersFilesSize);
        facts.put("tableUuid", orders.uuid());
        assertEquals(facts, o.facts());
        // create, 2 appends, the spec change, an append, the rewrite, an append, the expiry: 8 files.
        assertEquals(orders.previousFiles().size() + 1L, o.facts().get("metadataFiles"));
        assertTrue((Long) o.facts().get("lastCompactionAgeSeconds")
                >= (Long) o.facts().get("lastSnapshotAgeSeconds"));
        assertTrue((Long) o.facts().get("lastSnapshotAgeSeconds") >= 7200L);

        // lakehouse.raw.events: v1, no snapshot at all, the removed field a void transform.
        LiveAsset e = assets.get(1);
        fields = new LinkedHashMap<>();
        fields.put("partitioning", List.of("hours(ts)", "void(kind)"));
        fields.put("sortOrder", List.of());
        fields.put("formatVersion", 1L);
        fields.putAll(properties(events));
        fields.put("retention.snapshots.maxAgeHours", 120L);
        fields.put("retention.snapshots.minSnapshotsToKeep", 1L);
        assertEquals(fields, e.fields());
        facts = new LinkedHashMap<>();
        facts.put("snapshotCount", 0L);
        facts.put("metadataFiles", 2L);
        facts.put("totalDataFiles", 0L);
        facts.put("totalFilesSize", 0L);
        facts.put("tableUuid", events.uuid());
        assertEquals(facts, e.facts());

        // marts.orders_daily: a retention of an hour and a half is not a whole number of hours.
        LiveAsset d = assets.get(2);
        fields = new LinkedHashMap<>();
        fields.put("partitioning", List.of("months(order_date)", "truncate(2, country)"));
        fields.put("sortOrder", List.of("order_date ASC NULLS LAST", "country DESC NULLS FIRST"));
        fields.put("formatVersion", 2L);
        fields.putAll(properties(daily));
        fields.put("retention.snapshots.maxAgeHours", 1.5d);
        fields.put("retention.snapshots.minSnapshotsToKeep", 1L);
        assertEquals(fields, d.fields());
        facts = new LinkedHashMap<>();
        facts.put("snapshotCount", 1L);
        facts.put("lastSnapshotAgeSeconds", 7200L); // the newest snapshot of all: the clock is set by it
        facts.put("metadataFiles", 2L);
        facts.put("totalDataFiles", 1L);
        facts.put("totalFilesSize", dailyFilesSize);
        facts.put("tableUuid", daily.uuid());
        assertEquals(facts, d.facts());
    }

    @Test
    void jdbcCatalogTablesWithTheirSpecsPropertiesAndSnapshotFacts() throws Exception {
        try (IcebergSource source = IcebergSource.jdbc(catalogUri, warehouse,
                Map.of(IcebergSource.CATALOG_NAME, CATALOG), clock())) {
            assertEquals("iceberg-jdbc:" + warehouse, source.name());
            assertEquals(List.of(AssetKind.ICEBERG_TABLE), source.holds());
            List<LiveAsset> assets = source.observe(TIMEOUT);
            assertTables(assets);
            // Observing again reads the same.
            assertEquals(assets, source.observe(TIMEOUT));
        }
    }

    @Test
    void restCatalogServingTheSameCatalogShowsTheSameTables() throws Exception {
        List<LiveAsset> viaJdbc;
        try (IcebergSource jdbc = IcebergSource.jdbc(catalogUri, warehouse,
                Map.of(IcebergSource.CATALOG_NAME, CATALOG), clock())) {
            viaJdbc = jdbc.observe(TIMEOUT);
        }
        try (IcebergSource source = IcebergSource.rest(restUri, CATALOG, Map.of("token", "a-token"), clock())) {
            assertEquals("iceberg-rest:" + restUri, source.name());
            assertEquals(List.of(AssetKind.ICEBERG_TABLE), source.holds());
            authorizations.clear();
            List<LiveAsset> assets = source.observe(TIMEOUT);
            assertTables(assets);
            assertEquals(viaJdbc, assets);
            // Every call (config, namespaces, tables, loads) carried the token from the props.
            assertTrue(authorizations.size() >= 1 + 3 + 3 + 3, authorizations.toString());
            for (String call : authorizations) assertTrue(call.endsWith(" Bearer a-token"), call);
            assertTrue(authorizations.stream().anyMatch(c -> c.startsWith("GET /v1/config")), authorizations.toString());
        }
    }

    @Test
    void anotherCatalogNameInTheSameDatabaseHoldsNothing() throws Exception {
        try (IcebergSource source = IcebergSource.jdbc(catalogUri, warehouse,
                Map.of(IcebergSource.CATALOG_NAME, "elsewhere"), clock())) {
            assertEquals(List.of(), source.observe(TIMEOUT));
        }
    }

    @Test
    void transformsAreNamedAsManifestsWriteThem() {
        assertEquals("years(c)", TableObservation.transform(Transforms.year(), "c"));
        assertEquals("months(c)", TableObservation.transform(Transforms.month(), "c"));
        assertEquals("days(c)", TableObservation.transform(Transforms.day(), "c"));
        assertEquals("hours(c)", TableObservation.transform(Transforms.hour(), "c"));
        assertEquals("bucket(16, c)", TableObservation.transform(Transforms.bucket(16), "c"));
        assertEquals("truncate(4, c)", TableObservation.transform(Transforms.truncate(4), "c"));
        assertEquals("identity(c)", TableObservation.transform(Transforms.identity(), "c"));
        assertEquals("void(c)", TableObservation.transform(Transforms.alwaysNull(), "c"));
    }

    @Test
    void unreachableCatalogsAreUnavailableWithinTheTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        List<IcebergSource> down = new ArrayList<>();
        // REST: a port nobody listens on.
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        down.add(IcebergSource.rest("http://127.0.0.1:" + closedPort, CATALOG, Map.of()));
        // JDBC: a driver nobody has, and a database file in a folder that does not exist.
        down.add(IcebergSource.jdbc("jdbc:nosuchdriver://localhost/catalog", warehouse, Map.of()));
        down.add(IcebergSource.jdbc("jdbc:sqlite:" + dir.resolve("no-such-folder").resolve("catalog.db"),
                warehouse, Map.of()));

        // A listener that takes connections and never answers: the REST client and the PostgreSQL
        // driver both wait on it, and the source gives up at the timeout.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            down.add(IcebergSource.rest("http://127.0.0.1:" + silent.getLocalPort(), CATALOG, Map.of()));
            down.add(IcebergSource.jdbc("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/catalog",
                    warehouse, Map.of("jdbc.user", "steward", "jdbc.password", "steward")));
            for (IcebergSource source : down) {
                try (source) {
                    long start = System.nanoTime();
                    SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(timeout),
                            source.name());
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertTrue(took.compareTo(timeout.plusSeconds(3)) < 0, source.name() + " took " + took);
                    assertTrue(e.getMessage().startsWith(source.name() + ": "), e.getMessage());
                    assertNotNull(e.getCause(), e.getMessage());
                }
            }
        }
    }

    @Test
    void aDatabaseWithoutACatalogIsUnavailableAndLeftAsItWas() throws Exception {
        String empty = "jdbc:sqlite:" + dir.resolve("empty.db");
        try (Connection c = DriverManager.getConnection(empty)) {
            c.createStatement().execute("CREATE TABLE unrelated (id INTEGER)");
        }
        try (IcebergSource source = IcebergSource.jdbc(empty, warehouse, Map.of())) {
            SourceUnavailable e = assertThrows(SourceUnavailable.class, () -> source.observe(TIMEOUT));
            assertTrue(e.getMessage().startsWith("iceberg-jdbc:" + warehouse + ": "), e.getMessage());
        }
        // Read-only: the source created no catalog tables.
        try (Connection c = DriverManager.getConnection(empty);
             ResultSet tables = c.getMetaData().getTables(null, null, "iceberg%", null)) {
            assertFalse(tables.next());
        }
    }

    @Test
    void localFileIoRefusesOtherStores() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalFileIO.local("s3://bucket/warehouse/t/metadata/v1.json"));
        assertTrue(e.getMessage().contains("io-impl"), e.getMessage());
        assertEquals(Path.of("/tmp/x/y.json"), LocalFileIO.local("file:/tmp/x/y.json"));
        assertEquals(Path.of("/tmp/x/y.json"), LocalFileIO.local("file:///tmp/x/y.json"));
        assertEquals(Path.of("/tmp/x/y.json"), LocalFileIO.local("/tmp/x/y.json"));
    }
}

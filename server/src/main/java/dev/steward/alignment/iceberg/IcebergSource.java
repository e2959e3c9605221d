package dev.steward.alignment.iceberg;

import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import dev.steward.alignment.PlatformSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * The tables of one Iceberg catalog, read through Iceberg's own {@link Catalog} clients: a
 * {@link JdbcCatalog} ({@code iceberg-jdbc}) or a {@link RESTCatalog} ({@code iceberg-rest}). Every
 * namespace, nested ones included, and every table in it; one {@link LiveAsset} per table, named
 * {@code namespace.table} (the levels of a nested namespace joined with dots). Read-only: it never
 * creates, alters or commits anything (the JDBC catalog's own tables are never created either).
 *
 * <p>Fields, keyed by their manifest path under {@code spec}:
 * <ul>
 *   <li>{@code partitioning}: the current spec's fields in order, as manifests write them:
 *       {@code years(col)}, {@code months(col)}, {@code days(col)}, {@code hours(col)},
 *       {@code bucket(N, col)}, {@code truncate(W, col)}, {@code identity(col)}, {@code void(col)};
 *   <li>{@code sortOrder}: the current sort order's fields in order, in the form manifests declare
 *       them ({@code sortOrder: [customer_id, order_ts]}): the term (the column, or the transform as
 *       in {@code partitioning} when it is not the identity), followed by nothing when the field is
 *       Iceberg's (and SQL's) default for its direction, ascending with nulls first; {@code " DESC"}
 *       when it is descending with nulls last (the default for descending); and the full
 *       {@code " ASC NULLS LAST"} or {@code " DESC NULLS FIRST"} otherwise. Unsorted: an empty list;
 *   <li>{@code formatVersion} (a Long);
 *   <li>{@code properties.<key>} for every table property (String values);
 *   <li>{@code retention.snapshots.maxAgeHours} from {@code history.expire.max-snapshot-age-ms}
 *       (Iceberg's default 5 days: 120) — a Long, or a Double when the age is not a whole number of
 *       hours, so that it never compares equal to a value it is not; and
 *       {@code retention.snapshots.minSnapshotsToKeep} from {@code history.expire.min-snapshots-to-keep}
 *       (default 1). A property that is not a number is reported as its text.
 * </ul>
 * Facts: {@code snapshotCount}; {@code lastSnapshotAgeSeconds} (the newest snapshot; absent when there
 * is none); {@code lastCompactionAgeSeconds} (the newest {@code replace} snapshot; absent when there is
 * none); {@code metadataFiles} (the metadata log's length + 1, the current file); {@code totalDataFiles}
 * and {@code totalFilesSize} from the current snapshot's summary (0 with no snapshot; absent when the
 * writer left them out); {@code tableUuid}. Ages are whole seconds against the {@link Clock} given to the
 * factory.
 *
 * <p>{@code props} are passed to Iceberg's catalog as they are, and are where credentials go, from the
 * environment, never from the settings file: {@code token} or {@code credential} for a REST catalog,
 * {@code jdbc.user} and {@code jdbc.password} for a JDBC one. One key is this source's own:
 * {@code catalog-name}, the catalog name a JDBC catalog's rows are kept under (the engines' catalog
 * name, as in Trino's {@code iceberg.jdbc-catalog.catalog-name}; default {@code jdbc}, Iceberg's).
 *
 * <p>A JDBC catalog reads each table's metadata file from the warehouse: a local folder (a path or
 * {@code file:} URI) is read with {@link LocalFileIO}, built in; any other store needs {@code io-impl}
 * in {@code props} naming a FileIO on the class path (such as Iceberg's S3FileIO with its SDK, which
 * the server does not bundle). A REST catalog sends the metadata with the table and reads no file; its
 * client is given {@link LocalFileIO} too unless {@code io-impl} says otherwise.
 *
 * <p>Each {@link #observe} opens the catalog afresh and closes it afterwards, so that a catalog that
 * failed never leaves a broken client behind. Every call to the catalog (opening it, listing the
 * namespaces under one namespace, the tables of one, loading one table) gives up after the timeout: the
 * REST client's connection and socket timeouts are set to it, a PostgreSQL driver's connect and socket
 * timeouts too, and every call runs on a worker thread that is abandoned after the timeout whatever
 * the client does. Any failure is a {@link SourceUnavailable} naming the catalog, with the cause kept;
 * a table or namespace dropped between the listing and the load is simply gone.
 */
public final class IcebergSource implements PlatformSource {
    /** This source's own key in {@code props}: the catalog name of a JDBC catalog's rows. */
    public static final String CATALOG_NAME = "catalog-name";

    private static final String REST_CONNECTION_TIMEOUT_MS = "rest.client.connection-timeout-ms";
    private static final String REST_SOCKET_TIMEOUT_MS = "rest.client.socket-timeout-ms";
    private static final String JDBC_INIT_CATALOG_TABLES = "jdbc.init-catalog-tables";

    private enum Kind { JDBC, REST }

    private final Kind kind;
    private final String uri;
    private final String warehouse;
    private final Map<String, String> props;
    private final Clock clock;

    private IcebergSource(Kind kind, String uri, String warehouse, Map<String, String> props, Clock clock) {
        this.kind = kind;
        this.uri = Objects.requireNonNull(uri, "uri").trim();
        this.warehouse = warehouse == null ? null : warehouse.trim();
        this.props = props == null ? Map.of() : Map.copyOf(props);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.uri.isEmpty()) throw new IllegalArgumentException("an Iceberg source needs a uri");
        if (kind == Kind.JDBC && (this.warehouse == null || this.warehouse.isEmpty())) {
            throw new IllegalArgumentException("an iceberg-jdbc source needs a warehouse");
        }
    }

    /** A JDBC catalog ({@code jdbc:postgresql://…}, {@code jdbc:sqlite:…}) over {@code warehouse}. */
    public static IcebergSource jdbc(String uri, String warehouse, Map<String, String> props) {
        return jdbc(uri, warehouse, props, Clock.systemUTC());
    }

    public static IcebergSource jdbc(String uri, String warehouse, Map<String, String> props, Clock clock) {
        return new IcebergSource(Kind.JDBC, uri, warehouse, props, clock);
    }

    /** A REST catalog at {@code uri}; {@code warehouse} (may be null) is sent as the catalog asks for it. */
    public static IcebergSource rest(String uri, String warehouse, Map<String, String> props) {
        return rest(uri, warehouse, props, Clock.systemUTC());
    }

    public static IcebergSource rest(String uri, String warehouse, Map<String, String> props, Clock clock) {
        return new IcebergSource(Kind.REST, uri, warehouse, props, clock);
    }

    @Override
    public String name() {
        return kind == Kind.JDBC ? "iceberg-jdbc:" + warehouse : "iceberg-rest:" + uri;
    }

    @Override
    public List<AssetKind> holds() {
        return List.of(AssetKind.ICEBERG_TABLE);
    }

    @Override
    public List<LiveAsset> observe(Duration timeout) throws SourceUnavailable {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        Bounded calls = new Bounded(name(), timeout);
        AtomicReference<Catalog> opened = new AtomicReference<>();
        try {
            Catalog cat = calls.run("connecting", () -> open(timeout, opened));
            if (!(cat instanceof SupportsNamespaces namespaces)) {
                throw new SourceUnavailable(name() + ": the catalog does not list namespaces", null);
            }
            return walk(calls, cat, namespaces);
        } finally {
            calls.shutdown(opened::get);
        }
    }

    /** Every namespace from the top down, nested ones included, and every table in each; by name. */
    private List<LiveAsset> walk(Bounded calls, Catalog cat, SupportsNamespaces namespaces)
            throws SourceUnavailable {
        List<LiveAsset> assets = new ArrayList<>();
        Set<Namespace> seen = new HashSet<>();
        Deque<Namespace> queue = new ArrayDeque<>();
        queue.add(Namespace.empty());
        while (!queue.isEmpty()) {
            Namespace parent = queue.poll();
            List<Namespace> children = calls.run("listing the namespaces in " + label(parent),
                    () -> listNamespaces(namespaces, parent));
            for (Namespace child : children) {
                if (!child.isEmpty() && seen.add(child)) queue.add(child);
            }
            if (parent.isEmpty()) continue;
            List<TableIdentifier> tables = calls.run("listing the tables in " + label(parent),
                    () -> listTables(cat, parent));
            for (TableIdentifier id : tables) {
                LiveAsset asset = calls.run("loading " + tableName(id), () -> load(cat, id));
                if (asset != null) assets.add(asset);
            }
        }
        assets.sort(Comparator.comparing(LiveAsset::name));
        return List.copyOf(assets);
    }

    /** Opens the catalog; on the worker thread, so that a catalog that does not answer is abandoned. */
    private Catalog open(Duration timeout, AtomicReference<Catalog> opened) {
        Map<String, String> properties = new HashMap<>(props);
        String catalogName = properties.remove(CATALOG_NAME);
        properties.put(CatalogProperties.URI, uri);
        if (warehouse != null && !warehouse.isEmpty()) properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        return kind == Kind.REST
                ? openRest(catalogName, properties, timeout, opened)
                : openJdbc(catalogName, properties, timeout, opened);
    }

    private static Catalog openRest(String catalogName, Map<String, String> properties, Duration timeout,
            AtomicReference<Catalog> opened) {
        String millis = Long.toString(Math.max(1, timeout.toMillis()));
        properties.putIfAbsent(REST_CONNECTION_TIMEOUT_MS, millis);
        properties.putIfAbsent(REST_SOCKET_TIMEOUT_MS, millis);
        // The REST client reads no file to observe, but builds a FileIO all the same; Iceberg's
        // default (ResolvingFileIO) needs Hadoop, which the server does not bundle.
        properties.putIfAbsent(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
        RESTCatalog catalog = new RESTCatalog();
        opened.set(catalog);
        catalog.initialize(catalogName == null ? "rest" : catalogName, properties);
        return catalog;
    }

    private Catalog openJdbc(String catalogName, Map<String, String> properties, Duration timeout,
            AtomicReference<Catalog> opened) {
        if (uri.startsWith("jdbc:postgresql:")) {
            // The driver's own timeouts, in seconds, so that a connection never outlives the call.
            String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
            properties.putIfAbsent(JdbcCatalog.PROPERTY_PREFIX + "connectTimeout", seconds);
            properties.putIfAbsent(JdbcCatalog.PROPERTY_PREFIX + "socketTimeout", seconds);
            properties.putIfAbsent(JdbcCatalog.PROPERTY_PREFIX + "loginTimeout", seconds);
        }
        // Read-only: never create the catalog's tables in someone's database.
        properties.put(JDBC_INIT_CATALOG_TABLES, "false");
        JdbcCatalog catalog = new JdbcCatalog(IcebergSource::fileIO, null, false);
        opened.set(catalog);
        catalog.initialize(catalogName == null ? "jdbc" : catalogName, properties);
        return catalog;
    }

    private static FileIO fileIO(Map<String, String> properties) {
        String impl = properties.get(CatalogProperties.FILE_IO_IMPL);
        if (impl != null && !impl.isBlank()) return CatalogUtil.loadFileIO(impl, properties, null);
        LocalFileIO io = new LocalFileIO();
        io.initialize(properties);
        return io;
    }

    private static List<Namespace> listNamespaces(SupportsNamespaces catalog, Namespace parent) {
        try {
            return parent.isEmpty() ? catalog.listNamespaces() : catalog.listNamespaces(parent);
        } catch (NoSuchNamespaceException gone) {
            return List.of();
        }
    }

    private static List<TableIdentifier> listTables(Catalog catalog, Namespace namespace) {
        try {
            return catalog.listTables(namespace);
        } catch (NoSuchNamespaceException gone) {
            return List.of();
        }
    }

    private LiveAsset load(Catalog catalog, TableIdentifier id) {
        Table table;
        try {
            table = catalog.loadTable(id);
        } catch (NoSuchTableException gone) {
            return null;
        }
        return TableObservation.of(tableName(id), table, clock);
    }

    private static String tableName(TableIdentifier id) {
        return id.namespace().isEmpty() ? id.name() : String.join(".", id.namespace().levels()) + "." + id.name();
    }

    private static String label(Namespace namespace) {
        return namespace.isEmpty() ? "the catalog" : "namespace " + String.join(".", namespace.levels());
    }
}

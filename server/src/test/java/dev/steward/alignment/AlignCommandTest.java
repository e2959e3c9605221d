package dev.steward.alignment;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward align} against a real Iceberg JdbcCatalog over SQLite: drift, unmanaged and missing
 * findings with exit 1, nothing on a matching table, exit 2 naming a source that cannot be read, and
 * settings refused with their line.
 */
class AlignCommandTest {
    private static final Schema ORDERS = new Schema(
            Types.NestedField.required(1, "order_id", Types.LongType.get()),
            Types.NestedField.required(2, "order_ts", Types.TimestampType.withZone()),
            Types.NestedField.required(3, "customer_id", Types.LongType.get()));

    @TempDir
    Path tmp;

    private String catalogUri;
    private String warehouse;

    private void writeCatalog() {
        catalogUri = "jdbc:sqlite:" + tmp.resolve("catalog.db");
        warehouse = tmp.resolve("warehouse").toString();
        JdbcCatalog writer = dev.steward.testing.LocalIceberg.writer(catalogUri, warehouse);
        try {
            writer.createNamespace(Namespace.of("lake"));
            writer.buildTable(TableIdentifier.of("lake", "orders_fact"), ORDERS)
                    .withPartitionSpec(PartitionSpec.builderFor(ORDERS).day("order_ts").build()).create();
            writer.buildTable(TableIdentifier.of("lake", "customers"), ORDERS)
                    .withPartitionSpec(PartitionSpec.builderFor(ORDERS).bucket("customer_id", 8).build()).create();
            writer.buildTable(TableIdentifier.of("lake", "scratch"), ORDERS).create();
        } finally {
            writer.close();
        }
    }

    private Path repo(String extra) {
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", group("lakehouse", "members: [dana]") + user("dana")
                    + resource("orders-fact", "type: iceberg-table\nowner: lakehouse\ntable: lake.orders_fact\n"
                            + "partitioning: [\"days(order_ts)\", \"bucket(16, customer_id)\"]")
                    + resource("customers", "type: iceberg-table\nowner: lakehouse\ntable: lake.customers\n"
                            + "partitioning: [\"bucket(8, customer_id)\"]")
                    + resource("gone", "type: iceberg-table\nowner: lakehouse\ntable: lake.gone") + extra).commit("main");
            return repo.root();
        }
    }

    private Path config(String sources) throws Exception {
        Path file = tmp.resolve("steward.yaml");
        Files.writeString(file, "platform:\n  timeout: 5s\n  sources:\n" + sources);
        return file;
    }

    @Test
    void findsDriftUnmanagedAndMissingInARealCatalog() throws Exception {
        writeCatalog();
        Path repo = repo("");
        Path config = config("    - {kind: iceberg-jdbc, uri: \"" + catalogUri + "\", warehouse: \"" + warehouse + "\"}\n");
        Cli.Run run = Cli.run("align", "--config", config.toString(), "--repo=" + repo);
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("drift     resource:default/orders-fact partitioning: declared [days(order_ts), "
                + "bucket(16, customer_id)], live [days(order_ts)]"), run.out());
        assertTrue(run.out().contains("unmanaged lake.scratch is live but no entity describes it"), run.out());
        assertTrue(run.out().contains("missing   resource:default/gone (lake.gone) is declared but not live"), run.out());
        assertTrue(!run.out().contains("customers"), "a matching table has no finding: " + run.out());
        assertTrue(run.out().contains("3 findings from 1 source"), run.out());
        Cli.Run json = Cli.run("align", "--config", config.toString(), "--repo=" + repo, "--json");
        assertTrue(json.out().contains("\"kind\" : \"DRIFT\"") || json.out().contains("\"kind\" : \"drift\""), json.out());
    }

    @Test
    void aSourceThatCannotBeReadIsNamedAndExitsTwo() throws Exception {
        writeCatalog();
        Path repo = repo("");
        Path config = config("    - {kind: iceberg-jdbc, uri: \"" + catalogUri + "\", warehouse: \"" + warehouse + "\"}\n"
                + "    - {kind: iceberg-rest, uri: \"http://127.0.0.1:1/catalog\"}\n");
        Cli.Run run = Cli.run("align", "--config", config.toString(), "--repo=" + repo);
        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("source iceberg-rest:http://127.0.0.1:1/catalog cannot be read"), run.err());
        assertTrue(run.out().contains("unmanaged lake.scratch"), "the reachable source's findings still print: " + run.out());
        assertTrue(!run.out().contains("missing"), "no missing while a catalog is down: " + run.out());
    }

    @Test
    void badSettingsAreRefusedWithTheirLineAndCredentialsNeverComeFromTheFile() throws Exception {
        Path repo = repo("");
        Cli.Run typo = Cli.run("align", "--config", config("    - {kind: kafka, cluster: kafka-prod, bootstrapServer: x}\n")
                .toString(), "--repo=" + repo);
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("steward.yaml:4: unknown setting 'bootstrapServer' for a kafka source"), typo.err());
        Cli.Run secret = Cli.run("align", "--config", config("    - {kind: iceberg-rest, uri: http://x, token: abc}\n")
                .toString(), "--repo=" + repo);
        assertEquals(2, secret.code());
        assertTrue(secret.err().contains("credentials are read from the environment"), secret.err());
    }

    @Test
    void importWritesManifestsThatBackstageAcceptsAndCheckAsksForTheirOwners() throws Exception {
        writeCatalog();
        Path repo = repo("");
        Path config = config("    - {kind: iceberg-jdbc, uri: \"" + catalogUri + "\", warehouse: \"" + warehouse + "\"}\n");
        Path out = tmp.resolve("imported");
        Cli.Run run = Cli.run("import", "--config", config.toString(), "--repo=" + repo, "--source", "iceberg-jdbc",
                "--out", out.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().startsWith("wrote 1 entity to "), run.out());
        Path file;
        try (var files = Files.list(out)) {
            file = files.findFirst().orElseThrow();
        }
        String yaml = Files.readString(file);
        assertTrue(yaml.contains("table: lake.scratch") && yaml.contains("owner: group:default/needs-owner"), yaml);

        Path tool = dev.steward.testing.NodeTool.installed();
        var validated = dev.steward.testing.NodeTool.run(tool, java.util.List.of("node", "validate.mjs", out.toString()), 120);
        assertEquals(0, validated.code(), validated.output());

        Files.copy(file, repo.resolve("catalog-yaml/imported.yaml"));
        Cli.Run check = Cli.run("check", "--worktree", "--repo=" + repo);
        assertEquals(1, check.code(), check.out());
        assertTrue(check.out().contains("resource:default/lake.scratch needs an owner: it was imported from iceberg-jdbc:"),
                check.out());
        assertEquals(1, check.out().lines().filter(l -> l.contains("error")).count(), "only the owner to set: " + check.out());
    }
}

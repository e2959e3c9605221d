package dev.steward.backstage;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.load.yaml.YamlLimits;
import dev.steward.catalog.model.EntityRef;
import dev.steward.git.CatalogRepository;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit reshapes only what it touched: the entity it changed and those whose relations moved. */
class BackstageSnapshotTest {
    @TempDir
    Path tmp;

    @Test
    void unchangedEntitiesKeepTheirShapeAcrossCommits() throws Exception {
        long max = YamlLimits.DEFAULT.maxFileBytes();
        try (TestRepo repo = TestRepo.create(tmp); CatalogRepository git = repo.open()) {
            repo.manifest("org.yaml", group("team-a", "members: [ana]") + group("team-b", "members: [bo]") + user("ana")
                    + user("bo"));
            repo.manifest("tables.yaml", resource("orders", "type: iceberg-table\nowner: team-a")
                    + resource("payments", "type: iceberg-table\nowner: team-a"));
            ObjectId first = repo.commit("first");
            ManifestLoader loader = new ManifestLoader();
            Catalog a = loader.load(git.read(first, "catalog-yaml", "runbooks", max));
            repo.manifest("tables.yaml", resource("orders", "type: iceberg-table\nowner: team-b")
                    + resource("payments", "type: iceberg-table\nowner: team-a"));
            ObjectId second = repo.commit("orders moves to team-b");
            Catalog b = loader.apply(a, git.diff(first, second, "catalog-yaml", "runbooks", max));

            SourceLinks links = SourceLinks.forRepository("https://github.com/acme/catalog.git");
            BackstageSnapshot before = BackstageSnapshot.build(a, links, "main", null);
            BackstageSnapshot after = BackstageSnapshot.build(b, links, "main", before);
            assertSame(shaped(before, "user:default/ana"), shaped(after, "user:default/ana"), "untouched: reused");
            assertSame(shaped(before, "resource:default/payments"), shaped(after, "resource:default/payments"));
            assertNotSame(shaped(before, "resource:default/orders"), shaped(after, "resource:default/orders"), "changed");
            assertNotSame(shaped(before, "group:default/team-b"), shaped(after, "group:default/team-b"),
                    "its relations changed: it owns orders now");
            assertEquals("url:https://github.com/acme/catalog/blob/main/catalog-yaml/tables.yaml",
                    ((Map<?, ?>) ((Map<?, ?>) shaped(after, "resource:default/orders").get("metadata")).get("annotations"))
                            .get(BackstageEntity.MANAGED_BY_LOCATION));
        }
    }

    private static Map<String, Object> shaped(BackstageSnapshot s, String ref) {
        return s.entities.get(s.byRef.get(EntityRef.parse(ref)));
    }
}

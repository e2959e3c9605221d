package dev.steward.catalog;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.load.yaml.YamlLimits;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Problem;
import dev.steward.git.CatalogRepository;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backstage's {@code $text}, {@code $json} and {@code $yaml} placeholders and Location targets, read
 * from the same commit: resolved, reported at their line when wrong, never leaving the repository,
 * and followed by incremental reloads exactly as by full loads.
 */
class PlaceholdersAndLocationsTest {
    private static final long MAX = YamlLimits.DEFAULT.maxFileBytes();
    private static final String ORG = group("team-a", "members: [ana]") + user("ana");

    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private static String api(String name, String definition) {
        return "---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: " + name
                + "\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    " + definition + "\n";
    }

    private String definition(Catalog c, String name) {
        Object d = c.entity(EntityRef.parse("api:default/" + name)).spec().get("definition");
        return d == null ? null : d.toString();
    }

    private static String problems(Catalog c) {
        return String.join("\n", c.problems().stream().map(Problem::format).toList());
    }

    @Test
    void textJsonAndYamlPlaceholdersReadFilesOfTheSameCommit() {
        repo.manifest("org.yaml", ORG)
                .manifest("apis/a.yaml", api("text", "$text: ./specs/text.yaml") + """
                        ---
                        apiVersion: backstage.io/v1alpha1
                        kind: Component
                        metadata: {name: web}
                        spec:
                          type: website
                          lifecycle: production
                          owner: team-a
                          openapi: {$json: ../shared/spec.json}
                          asyncapi:
                            $yaml: /catalog-yaml/apis/specs/y.yaml
                        """)
                .write("catalog-yaml/apis/specs/text.yaml", "openapi: 3.1.0\ninfo: {title: T}\n")
                .write("catalog-yaml/shared/spec.json", "{\"openapi\": \"3.0.0\", \"paths\": {}}")
                .write("catalog-yaml/apis/specs/y.yaml", "openapi: 3.0.3\npaths: {}\n");
        repo.commit("apis");
        Catalog c = repo.load();
        assertTrue(c.isValid(), problems(c));
        assertEquals("openapi: 3.1.0\ninfo: {title: T}\n", definition(c, "text"));
        Entity web = c.entity(EntityRef.parse("component:default/web"));
        assertEquals(Map.of("openapi", "3.0.0", "paths", Map.of()), web.spec().get("openapi"));
        assertEquals(Map.of("openapi", "3.0.3", "paths", Map.of()), web.spec().get("asyncapi"));
        assertEquals(List.of("catalog-yaml/apis/a.yaml", "catalog-yaml/org.yaml"), c.manifestPaths(),
                "the files placeholders read are data, not manifests");
    }

    @Test
    void uncommittedPlaceholderFilesDoNotCount() {
        repo.manifest("org.yaml", ORG).manifest("a.yaml", api("text", "$text: ./spec.yaml")).commit("no spec yet");
        repo.write("catalog-yaml/spec.yaml", "openapi: 3.1.0\n");
        Catalog c = repo.load();
        assertFalse(c.isValid());
        assertTrue(problems(c).contains("catalog-yaml/a.yaml:10: spec.definition: $text './spec.yaml': no file "
                + "catalog-yaml/spec.yaml at this commit"), problems(c));
    }

    @Test
    void placeholdersNeverLeaveTheRepositoryNorReachTheNetwork() {
        repo.manifest("org.yaml", ORG).manifest("a.yaml", api("escape", "$text: ../../../etc/passwd")
                + api("url", "$text: https://example.com/openapi.yaml") + api("bad", "$json: ./bad.json"))
                .write("catalog-yaml/bad.json", "{not json").commit("hostile");
        Catalog c = repo.load();
        String p = problems(c);
        assertTrue(p.contains("spec.definition: $text '../../../etc/passwd' leaves the repository"), p);
        assertTrue(p.contains("warning: spec.definition: $text https://example.com/openapi.yaml is a URL"), p);
        assertEquals("https://example.com/openapi.yaml", definition(c, "url"));
        assertTrue(p.contains("spec.definition: $json './bad.json' is not valid JSON"), p);
    }

    @Test
    void aYamlBombBehindAPlaceholderIsAnErrorNotAnOutOfMemory() {
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append("]\n");
        }
        repo.manifest("org.yaml", ORG).manifest("a.yaml", api("bomb", "$yaml: ./bomb.yaml"))
                .write("catalog-yaml/bomb.yaml", bomb.toString()).commit("bomb");
        Catalog c = repo.load();
        assertFalse(c.isValid());
        assertTrue(problems(c).contains("catalog-yaml/a.yaml:10: spec.definition: $yaml catalog-yaml/bomb.yaml"), problems(c));
    }

    @Test
    void locationTargetsOutsideTheCatalogFolderAreFollowed() {
        repo.manifest("org.yaml", ORG).manifest("locations.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Location
                metadata: {name: services}
                spec:
                  targets:
                    - ../services/web/catalog-info.yaml
                    - ../services/missing.yaml
                    - https://github.com/acme/elsewhere/blob/main/catalog-info.yaml
                """).write("services/web/catalog-info.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: web}
                spec: {type: website, lifecycle: production, owner: team-a}
                """).commit("locations");
        Catalog c = repo.load();
        assertTrue(c.entity(EntityRef.parse("component:default/web")) != null, problems(c));
        assertEquals("services/web/catalog-info.yaml:1", c.entity(EntityRef.parse("component:default/web")).source().toString());
        String p = problems(c);
        assertTrue(p.contains("catalog-yaml/locations.yaml:7: spec.targets[1]: '../services/missing.yaml': no file "
                + "services/missing.yaml at this commit"), p);
        assertTrue(p.contains("catalog-yaml/locations.yaml:8: warning: spec.targets[2]: https://github.com/acme/elsewhere"), p);
    }

    @Test
    void reloadFollowsChangesToPlaceholderFilesAndLocationTargets() throws Exception {
        repo.manifest("org.yaml", ORG).manifest("a.yaml", api("text", "$text: ./spec.yaml"))
                .write("catalog-yaml/spec.yaml", "openapi: 3.0.0\n")
                .manifest("locations.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: l}\n"
                        + "spec: {target: ../services/web.yaml}\n")
                .write("services/web.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: web}\n"
                        + "spec: {type: website, lifecycle: production, owner: team-a}\n");
        ObjectId first = repo.commit("one");
        try (CatalogRepository git = repo.open()) {
            ManifestLoader loader = new ManifestLoader();
            Catalog incremental = loader.load(git.read(first, "catalog-yaml", "runbooks", MAX));
            assertTrue(incremental.isValid(), problems(incremental));

            // Only the data file and the target change: no manifest under the catalog folder does.
            repo.write("catalog-yaml/spec.yaml", "openapi: 3.1.0\n")
                    .write("services/web.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                            + "metadata: {name: web}\nspec: {type: website, lifecycle: deprecated, owner: team-a}\n");
            ObjectId second = repo.commit("two");
            incremental = loader.apply(incremental, git.diff(first, second, "catalog-yaml", "runbooks", MAX));
            Catalog full = loader.load(git.read(second, "catalog-yaml", "runbooks", MAX));
            assertEquals("openapi: 3.1.0\n", definition(incremental, "text"));
            assertEquals("deprecated", incremental.entity(EntityRef.parse("component:default/web")).lifecycle());
            assertEquals(IncrementalReloadTest.fingerprint(full), IncrementalReloadTest.fingerprint(incremental));

            // The Location stops pointing at the file: its entity goes.
            repo.manifest("locations.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: l}\n"
                    + "spec: {targets: []}\n");
            ObjectId third = repo.commit("three");
            incremental = loader.apply(incremental, git.diff(second, third, "catalog-yaml", "runbooks", MAX));
            full = loader.load(git.read(third, "catalog-yaml", "runbooks", MAX));
            assertNull(incremental.entity(EntityRef.parse("component:default/web")));
            assertEquals(IncrementalReloadTest.fingerprint(full), IncrementalReloadTest.fingerprint(incremental));

            // A manifest that stops reading a file makes it a manifest again: here, one that is not an entity.
            repo.manifest("a.yaml", api("text", "'inline'"));
            ObjectId fourth = repo.commit("four");
            incremental = loader.apply(incremental, git.diff(third, fourth, "catalog-yaml", "runbooks", MAX));
            full = loader.load(git.read(fourth, "catalog-yaml", "runbooks", MAX));
            assertTrue(problems(full).contains("catalog-yaml/spec.yaml:1: document is not an entity"), problems(full));
            assertEquals(IncrementalReloadTest.fingerprint(full), IncrementalReloadTest.fingerprint(incremental));
        }
    }
}

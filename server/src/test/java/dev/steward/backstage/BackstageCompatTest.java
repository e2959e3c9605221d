package dev.steward.backstage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.model.EntityRef;
import dev.steward.git.CatalogSync;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.SyncSettings;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.testing.NodeTool;
import dev.steward.testing.ProjectPaths;
import dev.steward.testing.TestRepo;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backstage's published client, {@code @backstage/catalog-client} from the npm registry, run under
 * Node against a started Steward ({@code tools/backstage-validate/compat.mjs}), over Backstage's own
 * example entities and over Steward's example catalog. The script derives what to expect from the
 * YAML files itself and validates every returned entity with {@code @backstage/catalog-model}.
 */
class BackstageCompatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void backstagesClientReadsBackstagesOwnExamplesFromSteward() throws Exception {
        Path corpus = Path.of(BackstageCompatTest.class.getResource("/backstage-examples").toURI());
        try (TestRepo repo = copied(corpus)) {
            Catalog catalog = repo.load();
            assertTrue(catalog.isValid(), () -> String.join("\n", catalog.errors().stream().map(p -> p.format()).toList()));
            assertEquals(68, catalog.entities().size(), "every entity of the examples, Locations and AiResources included");
            String definition = (String) catalog.entity(EntityRef.parse("api:default/petstore")).spec().get("definition");
            assertEquals(Files.readString(corpus.resolve("apis/petstore.oas.yaml")), definition,
                    "the $text placeholder is the file's text");
            runClientAgainst(repo);
        }
    }

    @Test
    void backstagesClientReadsStewardsExampleCatalog() throws Exception {
        try (TestRepo repo = copied(ProjectPaths.root().resolve("catalog-yaml"))) {
            copy(ProjectPaths.root().resolve("runbooks"), "runbooks", repo);
            repo.commit("runbooks");
            assertTrue(repo.load().isValid());
            runClientAgainst(repo);
        }
    }

    @Test
    void uidIsStableAcrossReloadsAndEtagFollowsContent() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("a.yaml", """
                    apiVersion: backstage.io/v1alpha1
                    kind: Group
                    metadata: {name: team-a}
                    spec: {type: team, children: []}
                    ---
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata: {name: web}
                    spec: {type: website, lifecycle: production, owner: team-a}
                    """).commit("one");
            Served served = serve(repo);
            try {
                JsonNode first = get(served, "/api/catalog/entities/by-name/component/default/web");
                repo.manifest("a.yaml", Files.readString(repo.root().resolve("catalog-yaml/a.yaml"))
                        .replace("lifecycle: production", "lifecycle: deprecated")).commit("two");
                served.sync().checkNow();
                JsonNode second = get(served, "/api/catalog/entities/by-name/component/default/web");
                assertEquals("deprecated", second.at("/spec/lifecycle").asText());
                assertEquals(first.at("/metadata/uid").asText(), second.at("/metadata/uid").asText());
                assertTrue(!first.at("/metadata/etag").asText().equals(second.at("/metadata/etag").asText()));
                JsonNode byUid = get(served, "/api/catalog/entities/by-uid/" + first.at("/metadata/uid").asText());
                assertEquals("web", byUid.at("/metadata/name").asText());
            } finally {
                served.close();
            }
        }
    }

    private TestRepo copied(Path folder) throws IOException {
        TestRepo repo = TestRepo.create(tmp);
        copy(folder, "catalog-yaml", repo);
        repo.commit("catalog");
        return repo;
    }

    private static void copy(Path folder, String into, TestRepo repo) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                repo.write(into + "/" + folder.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
    }

    record Served(Javalin app, CatalogSync sync) implements AutoCloseable {
        @Override
        public void close() {
            app.stop();
            sync.close();
        }
    }

    private static Served serve(TestRepo repo) {
        LiveCatalog live = LiveCatalog.empty(SyncStatus.starting(repo.root().toString(), "main", 0));
        SyncSettings settings = new SyncSettings("main", "catalog-yaml", "runbooks", Duration.ZERO, 1 << 20, 5);
        CatalogSync sync = new CatalogSync(repo.open(), settings, new ManifestLoader(), live, a -> { }, Clock.systemUTC());
        sync.loadInitial();
        Javalin app = StewardApp.create(AppContext.builder(live)
                .commits(new CommitCatalogs(repo.open(), settings, new ManifestLoader(), live)).build()).start(0);
        return new Served(app, sync);
    }

    private static JsonNode get(Served served, String path) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + served.app().port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
        return JSON.readTree(res.body());
    }

    private void runClientAgainst(TestRepo repo) throws Exception {
        Path tool = NodeTool.installed();
        try (Served served = serve(repo)) {
            NodeTool.Run run = NodeTool.run(tool, List.of("node", "compat.mjs",
                    "http://localhost:" + served.app().port() + "/api/catalog",
                    repo.root().resolve("catalog-yaml").toString()), 300);
            assertEquals(0, run.code(), run.output());
            assertTrue(run.output().contains(" 0 failures"), run.output());
            assertTrue(!run.output().contains("FAIL"), run.output());
        }
    }
}

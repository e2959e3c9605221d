package dev.steward.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.NodeTool;
import dev.steward.testing.NodeTool.Run;
import dev.steward.testing.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Backstage's own validators ({@code @backstage/catalog-model}, from the npm registry, under
 * Node) over the example catalog: every Backstage-kind entity in it must load in a real Backstage.
 */
class BackstageValidatorsTest {
    private static Path tool;

    @BeforeAll
    static void installTool() throws Exception {
        tool = NodeTool.installed();
    }

    private static Run run(Path dir, List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        return NodeTool.run(dir, command, timeoutSeconds);
    }

    @Test
    void exampleCatalogPassesBackstagesValidators() throws Exception {
        Run r = run(tool, List.of("node", "validate.mjs", ProjectPaths.root().resolve("catalog-yaml").toString()), 120);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains(" 0 errors"), r.output());
    }

    @Test
    void theValidatorCatchesWhatBackstageRejects(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("bad.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: Bad Name!
                spec: {type: service, lifecycle: production, owner: team-a}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: no-lifecycle
                spec: {type: service, owner: team-a}
                """);
        Run r = run(tool, List.of("node", "validate.mjs", tmp.toString()), 120);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("bad.yaml:1:"), r.output());
        assertTrue(r.output().contains("bad.yaml:7:"), r.output());
    }
}

package dev.steward.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Backstage's own validators ({@code @backstage/catalog-model}, from the npm registry, under
 * Node) over the example catalog: every Backstage-kind entity in it must load in a real Backstage.
 */
class BackstageValidatorsTest {
    private static Path tool;

    record Run(int code, String output) {
    }

    @BeforeAll
    static void installTool() throws Exception {
        tool = ProjectPaths.root().resolve("tools/backstage-validate");
        if (!Files.isDirectory(tool.resolve("node_modules/@backstage/catalog-model"))) {
            Run install = run(tool, List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
            assertEquals(0, install.code(), () -> "npm ci failed:\n" + install.output());
        }
    }

    private static Run run(Path dir, List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + command);
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
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

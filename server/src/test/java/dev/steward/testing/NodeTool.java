package dev.steward.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tools/backstage-validate}: Backstage's own packages from the npm registry, installed with
 * {@code npm ci} from the committed lock file the first time a test needs them, and run under Node.
 */
public final class NodeTool {
    public record Run(int code, String output) {
    }

    private NodeTool() {
    }

    /** The tool's folder, with its packages installed. */
    public static synchronized Path installed() throws IOException, InterruptedException {
        Path tool = ProjectPaths.root().resolve("tools/backstage-validate");
        if (!Files.isDirectory(tool.resolve("node_modules/@backstage/catalog-client"))) {
            Run install = run(tool, List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
            assertEquals(0, install.code(), () -> "npm ci failed:\n" + install.output());
        }
        return tool;
    }

    public static Run run(Path dir, List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + command);
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}

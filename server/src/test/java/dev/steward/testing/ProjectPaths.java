package dev.steward.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root from a test, whether Maven runs from the root or from {@code server/}. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("catalog-yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("server"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the project root (with catalog-yaml/) above "
                + Path.of("").toAbsolutePath());
    }
}

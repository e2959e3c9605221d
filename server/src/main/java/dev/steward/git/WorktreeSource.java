package dev.steward.git;

import dev.steward.catalog.Problem;
import dev.steward.catalog.SourceFile;
import dev.steward.catalog.SourceTree;
import dev.steward.catalog.yaml.SafeYamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the catalog from files on disk instead of a commit, for {@code steward check --worktree}
 * while editing. Same layout and limits as {@link CatalogRepository#read}.
 */
public final class WorktreeSource {
    private WorktreeSource() {
    }

    public static SourceTree read(Path root, String catalogPath, String runbooksPath, long maxFileBytes)
            throws IOException {
        String catalogRoot = CatalogRepository.cleanRoot(catalogPath);
        String runbooksRoot = CatalogRepository.cleanRoot(runbooksPath);
        List<SourceFile> manifests = new ArrayList<>();
        Map<String, byte[]> runbooks = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        Path catalogDir = root.resolve(catalogRoot);
        if (!Files.isDirectory(catalogDir)) {
            problems.add(Problem.error(catalogRoot, 1, "catalog path '" + catalogRoot + "' does not exist in " + root));
        } else {
            for (Path file : files(catalogDir, ".yaml", ".yml")) {
                String path = relative(root, file);
                byte[] bytes = readLimited(file, path, maxFileBytes, problems);
                if (bytes != null) manifests.add(new SourceFile(path, bytes));
            }
        }
        Path runbooksDir = root.resolve(runbooksRoot);
        if (Files.isDirectory(runbooksDir)) {
            for (Path file : files(runbooksDir, ".md")) {
                byte[] bytes = readLimited(file, relative(root, file), maxFileBytes, problems);
                if (bytes != null) runbooks.put(relative(runbooksDir, file), bytes);
            }
        }
        manifests.sort(Comparator.comparing(SourceFile::path));
        return new SourceTree("worktree", catalogRoot, runbooksRoot, manifests, runbooks, problems);
    }

    private static List<Path> files(Path dir, String... suffixes) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        }
    }

    private static byte[] readLimited(Path file, String path, long max, List<Problem> problems) throws IOException {
        long size = Files.size(file);
        if (size > max) {
            problems.add(Problem.error(path, 1, SafeYamlReader.tooLarge(size, max)));
            return null;
        }
        return Files.readAllBytes(file);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}

package dev.steward.git;

import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.RepoFiles;
import dev.steward.catalog.model.SourceDelta;
import dev.steward.catalog.model.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Reads the catalog from files on disk instead of a commit, for {@code steward check --worktree}
 * while editing. Same layout and limits as {@link CatalogRepository#read}.
 */
public final class WorktreeSource {
    private WorktreeSource() {
    }

    public static SourceDelta read(Path root, String catalogPath, String runbooksPath, long maxFileBytes)
            throws IOException {
        String catalogRoot = CatalogRepository.cleanRoot(catalogPath);
        String runbooksRoot = CatalogRepository.cleanRoot(runbooksPath);
        List<SourceFile> manifests = new ArrayList<>();
        Map<String, byte[]> runbooks = new LinkedHashMap<>();
        Path catalogDir = root.resolve(catalogRoot);
        if (Files.isDirectory(catalogDir)) {
            for (Path file : files(catalogDir, ".yaml", ".yml")) {
                String path = relative(root, file);
                long size = Files.size(file);
                manifests.add(size > maxFileBytes
                        ? SourceFile.unreadable(path, "size-" + size, Problem.error(path, 1,
                                SafeYamlReader.tooLarge(size, maxFileBytes)))
                        : content(path, Files.readAllBytes(file)));
            }
        }
        Path runbooksDir = root.resolve(runbooksRoot);
        if (Files.isDirectory(runbooksDir)) {
            for (Path file : files(runbooksDir, ".md")) {
                if (Files.size(file) <= maxFileBytes) runbooks.put(relative(runbooksDir, file), Files.readAllBytes(file));
            }
        }
        manifests.sort(Comparator.comparing(SourceFile::path));
        return SourceDelta.full("worktree", catalogRoot, runbooksRoot, manifests, runbooks, files(root));
    }

    /** Regular files under {@code root}; symlinks count as missing, so nothing leads outside it. */
    static RepoFiles files(Path root) {
        return new RepoFiles() {
            @Override
            public long size(String path) {
                Path file = file(path);
                try {
                    return file == null ? -1 : Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override
            public byte[] read(String path) {
                Path file = file(path);
                try {
                    return file == null ? null : Files.readAllBytes(file);
                } catch (IOException e) {
                    return null;
                }
            }

            @Override
            public String id(String path) {
                byte[] bytes = read(path);
                return bytes == null ? null : ObjectId.fromRaw(sha1(bytes)).name();
            }

            private Path file(String path) {
                if (path == null || path.isEmpty()) return null;
                Path file = root.resolve(path).normalize();
                if (!file.startsWith(root.normalize())) return null;
                for (Path p = file; p != null && !p.equals(root.normalize()); p = p.getParent()) {
                    if (Files.isSymbolicLink(p)) return null;
                }
                return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
            }
        };
    }

    private static List<Path> files(Path dir, String... suffixes) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        }
    }

    /** A file on disk, identified like a Git blob so reloads can tell whether it changed. */
    private static SourceFile content(String path, byte[] bytes) {
        return SourceFile.of(path, ObjectId.fromRaw(sha1(bytes)).name(), bytes);
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}

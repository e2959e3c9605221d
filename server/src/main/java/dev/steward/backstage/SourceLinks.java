package dev.steward.backstage;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a catalog file lives, as a URL a person can open: the file at the served commit on the Git
 * host (GitHub's and GitLab's {@code blob} pages), or a {@code file:} URL for a local repository.
 */
public final class SourceLinks {
    private final String base;
    private final String blobPath;

    private SourceLinks(String base, String blobPath) {
        this.base = base;
        this.blobPath = blobPath;
    }

    /** For a repository opened from {@code location} (a URL or a folder). */
    public static SourceLinks forRepository(String location) {
        if (location == null || location.isBlank()) return new SourceLinks("file:///", null);
        String l = location.trim();
        if (l.startsWith("git@") && l.contains(":")) {
            l = "https://" + l.substring(4).replaceFirst(":", "/");
        }
        if (l.startsWith("http://") || l.startsWith("https://") || l.startsWith("ssh://")) {
            URI uri = URI.create(l.startsWith("ssh://") ? "https://" + l.substring(6).replaceFirst("^[^@]*@", "") : l);
            String path = uri.getPath().replaceAll("\\.git/?$", "").replaceAll("/$", "");
            String host = uri.getHost() == null ? "" : uri.getHost();
            String blob = host.contains("gitlab") ? "/-/blob/" : "/blob/";
            return new SourceLinks("https://" + host + path, blob);
        }
        String folder = Path.of(l).toAbsolutePath().normalize().toUri().toString();
        return new SourceLinks(folder.endsWith("/") ? folder : folder + "/", null);
    }

    /** The URL of {@code path} (repository-relative) at {@code commit}. */
    public String file(String commit, String path) {
        if (blobPath == null) return base + path;
        return base + blobPath + (commit == null ? "HEAD" : commit) + "/" + path;
    }

    /** The URL of the folder holding {@code path}, ending in a slash. */
    public String folder(String commit, String path) {
        int slash = path.lastIndexOf('/');
        if (blobPath == null) return base + (slash < 0 ? "" : path.substring(0, slash + 1));
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        return base + "/tree/" + (commit == null ? "HEAD" : commit) + "/" + dir;
    }
}

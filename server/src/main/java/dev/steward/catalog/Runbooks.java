package dev.steward.catalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * The Markdown runbooks of one commit, keyed by their path relative to the runbooks root. Paths from
 * manifests or users are normalised and never leave that root.
 */
public final class Runbooks {
    private final String root;
    private final Map<String, byte[]> files;

    public Runbooks(String root, Map<String, byte[]> files) {
        this.root = root;
        this.files = Map.copyOf(files);
    }

    /** The repository-relative folder the runbooks live in, e.g. {@code runbooks}. */
    public String root() {
        return root;
    }

    public boolean exists(String relativePath) {
        String normal = normalize(relativePath);
        return normal != null && files.containsKey(normal);
    }

    public byte[] content(String relativePath) {
        String normal = normalize(relativePath);
        return normal == null ? null : files.get(normal);
    }

    public Set<String> paths() {
        return files.keySet();
    }

    /**
     * {@code a/./b/../c.md} becomes {@code a/c.md}; a path that is absolute, empty, or climbs out of
     * the root gives null.
     */
    public static String normalize(String path) {
        if (path == null || path.isBlank()) return null;
        String p = path.trim().replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.indexOf('\0') >= 0) return null;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (parts.isEmpty()) return null;
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }
}

package dev.steward.catalog.model;


/**
 * One manifest file at a revision: its repository-relative path, an id that changes whenever its
 * content does (the Git blob id), and its bytes. A file that could not be read (over the size
 * limit, a symlink) has no content and a problem instead.
 */
public record SourceFile(String path, String id, byte[] content, Problem problem) {
    public static SourceFile of(String path, String id, byte[] content) {
        return new SourceFile(path, id, content, null);
    }

    public static SourceFile unreadable(String path, String id, Problem problem) {
        return new SourceFile(path, id, null, problem);
    }
}

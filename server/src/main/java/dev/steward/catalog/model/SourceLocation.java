package dev.steward.catalog.model;


/** A place in a file of the catalog repository: a repository-relative path and a 1-based line. */
public record SourceLocation(String path, int line) {
    @Override
    public String toString() {
        return path + ':' + line;
    }
}

package dev.steward.catalog;

/** One manifest file at a revision: its repository-relative path and bytes. */
public record SourceFile(String path, byte[] content) {
}

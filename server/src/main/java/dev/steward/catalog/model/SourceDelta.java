package dev.steward.catalog.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed in the catalog's files between two revisions: the manifests and runbooks added or
 * changed (with their content) and the paths deleted. A full delta ({@code full}) lists every file
 * of the revision and replaces whatever came before; a full load is a full delta applied to nothing.
 * {@code repo} reads any file of the revision: what placeholders and Location targets point at.
 */
public record SourceDelta(String revision, String catalogRoot, String runbooksRoot, boolean full,
                          List<SourceFile> files, Set<String> deletedFiles, Map<String, byte[]> runbooks,
                          Set<String> deletedRunbooks, RepoFiles repo) {

    public static SourceDelta full(String revision, String catalogRoot, String runbooksRoot, List<SourceFile> files,
                                   Map<String, byte[]> runbooks, RepoFiles repo) {
        return new SourceDelta(revision, catalogRoot, runbooksRoot, true, files, Set.of(), runbooks, Set.of(), repo);
    }
}

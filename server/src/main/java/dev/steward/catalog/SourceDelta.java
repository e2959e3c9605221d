package dev.steward.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed in the catalog's files between two revisions: the manifests and runbooks added or
 * changed (with their content) and the paths deleted. A full delta ({@code full}) lists every file
 * of the revision and replaces whatever came before; a full load is a full delta applied to nothing.
 */
public record SourceDelta(String revision, String catalogRoot, String runbooksRoot, boolean full,
                          List<SourceFile> files, Set<String> deletedFiles, Map<String, byte[]> runbooks,
                          Set<String> deletedRunbooks) {

    public static SourceDelta full(String revision, String catalogRoot, String runbooksRoot, List<SourceFile> files,
                                   Map<String, byte[]> runbooks) {
        return new SourceDelta(revision, catalogRoot, runbooksRoot, true, files, Set.of(), runbooks, Set.of());
    }

    public boolean isEmpty() {
        return !full && files.isEmpty() && deletedFiles.isEmpty() && runbooks.isEmpty() && deletedRunbooks.isEmpty();
    }
}

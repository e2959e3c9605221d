package dev.steward.catalog;

import java.util.List;
import java.util.Map;

/**
 * The files of the catalog at one revision, as read from Git (or a folder): the manifests under the
 * catalog path, the runbooks under the runbooks path, and problems met while reading (a file over
 * the size limit is reported here, never read).
 */
public record SourceTree(String revision, String catalogRoot, String runbooksRoot, List<SourceFile> catalogFiles,
                         Map<String, byte[]> runbooks, List<Problem> problems) {
}

package dev.steward.catalog.load.yaml;

import dev.steward.catalog.model.Problem;
import java.util.List;

/** What reading one file gave: the documents that could be read, and the problems found. */
public record YamlFile(String path, List<YamlDocument> documents, List<Problem> problems) {
}

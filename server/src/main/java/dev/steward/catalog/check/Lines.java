package dev.steward.catalog.check;

import dev.steward.catalog.FileLoad;
import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.load.yaml.YamlDocument;
import dev.steward.catalog.load.yaml.YamlLines;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.SourceLocation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line of a field of an entity by reading its file again. Snapshots keep no per-field
 * lines (they would cost more memory than the entities); problems are rare, so paying for a re-read
 * when one is found is the better trade.
 */
public final class Lines {
    private final Map<String, FileLoad> files;
    private final SafeYamlReader reader;
    private final Map<String, List<YamlDocument>> cache = new HashMap<>();

  public   Lines(Map<String, FileLoad> files, SafeYamlReader reader) {
        this.files = files;
        this.reader = reader;
    }

    SourceLocation at(Entity entity, String fieldPath) {
        SourceLocation source = entity.source();
        FileLoad file = files.get(source.path());
        if (file == null || file.content() == null) return source;
        List<YamlDocument> documents = cache.computeIfAbsent(source.path(),
                p -> reader.read(p, file.content()).documents());
        for (YamlDocument document : documents) {
            if (document.line() == source.line()) {
                YamlLines lines = document.lines();
                return new SourceLocation(source.path(), lines.lineOf(fieldPath));
            }
        }
        return source;
    }
}

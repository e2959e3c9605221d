package dev.steward.catalog;

import dev.steward.catalog.yaml.YamlLines;

/** An entity during loading, with the line of each of its fields for the checks that follow. */
record ParsedEntity(Entity entity, YamlLines lines) {
    String path() {
        return entity.source().path();
    }

    SourceLocation at(String fieldPath) {
        return new SourceLocation(path(), lines.lineOf(fieldPath));
    }
}

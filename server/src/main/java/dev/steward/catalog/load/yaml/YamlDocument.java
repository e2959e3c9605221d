package dev.steward.catalog.load.yaml;


/**
 * One document of a YAML file, converted to plain values (maps, lists, strings, numbers,
 * booleans, null), with the line of each field.
 */
public record YamlDocument(Object root, YamlLines lines, int line) {
}

package dev.steward.catalog.load.yaml;


/**
 * Bounds on what one manifest file may cost to read. Hostile or broken files hit one of these and
 * become a located error instead of exhausting memory or the stack.
 */
public record YamlLimits(long maxFileBytes, int maxAliases, int maxDepth, int maxNodesPerDocument) {

    public static final YamlLimits DEFAULT = new YamlLimits(8L * 1024 * 1024, 50, 64, 250_000);

    public YamlLimits {
        if (maxFileBytes <= 0 || maxAliases < 0 || maxDepth <= 0 || maxNodesPerDocument <= 0) {
            throw new IllegalArgumentException("YAML limits must be positive");
        }
    }
}

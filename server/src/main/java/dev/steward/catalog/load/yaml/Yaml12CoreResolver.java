package dev.steward.catalog.load.yaml;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars by the YAML 1.2 core schema, as Backstage's own YAML library does, not by
 * SnakeYAML's YAML 1.1 rules: {@code yes}, {@code on} and {@code 2026-10-01} stay strings.
 */
public final class Yaml12CoreResolver extends Resolver {
    static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    static final Pattern CORE_INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    static final Pattern CORE_FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF");
        addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789");
        addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
        addImplicitResolver(Tag.NULL, CORE_NULL, "~nN\0");
        addImplicitResolver(Tag.NULL, EMPTY, null);
    }
}

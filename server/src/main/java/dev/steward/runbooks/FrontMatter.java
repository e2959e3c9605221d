package dev.steward.runbooks;

import dev.steward.catalog.Values;
import dev.steward.catalog.yaml.SafeYamlReader;
import dev.steward.catalog.yaml.YamlFile;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The optional YAML front matter of a runbook (between {@code ---} lines at the very top), read with
 * the same safe reader as manifests, and the Markdown body after it.
 */
public record FrontMatter(Map<String, Object> fields, String body, int bodyLine) {

    public static FrontMatter parse(String path, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (!text.startsWith("---\n") && !text.startsWith("---\r\n")) return new FrontMatter(Map.of(), text, 1);
        int start = text.indexOf('\n') + 1;
        int end = text.indexOf("\n---", start - 1);
        if (end < 0) return new FrontMatter(Map.of(), text, 1);
        String yaml = text.substring(start, end + 1);
        int close = text.indexOf('\n', end + 1);
        String body = close < 0 ? "" : text.substring(close + 1);
        int bodyLine = (int) text.substring(0, close < 0 ? text.length() : close + 1).chars().filter(c -> c == '\n').count() + 1;
        YamlFile parsed = new SafeYamlReader().read(path, yaml.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> fields = parsed.documents().isEmpty() ? Map.of()
                : Values.map(parsed.documents().get(0).root());
        return new FrontMatter(fields, body, bodyLine);
    }

    public String string(String key) {
        return Values.string(fields.get(key));
    }
}

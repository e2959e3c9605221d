package dev.steward.catalog.load.yaml;

import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.Values;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The optional YAML front matter of a runbook (between {@code ---} lines at the very top), read with
 * the same safe reader as manifests, and the Markdown body after it. {@link #lineOf} gives the file
 * line of a front-matter field; {@code bodyLine} is the file line where the body starts.
 */
public record FrontMatter(Map<String, Object> fields, String body, int bodyLine, YamlLines lines,
                          List<Problem> problems) {

    public static FrontMatter parse(String path, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (!text.startsWith("---\n") && !text.startsWith("---\r\n")) {
            return new FrontMatter(Map.of(), text, 1, null, List.of());
        }
        int start = text.indexOf('\n') + 1;
        int end = text.indexOf("\n---", start - 1);
        if (end < 0) return new FrontMatter(Map.of(), text, 1, null, List.of());
        String yaml = text.substring(start, end + 1);
        int close = text.indexOf('\n', end + 1);
        String body = close < 0 ? "" : text.substring(close + 1);
        int bodyLine = (int) text.substring(0, close < 0 ? text.length() : close + 1).chars().filter(c -> c == '\n').count() + 1;
        YamlFile parsed = new SafeYamlReader().read(path, yaml.getBytes(StandardCharsets.UTF_8));
        List<Problem> problems = parsed.problems().stream()
                .map(p -> new Problem(p.path(), p.line() + 1, p.severity(), "front matter: " + p.message())).toList();
        if (parsed.documents().isEmpty()) return new FrontMatter(Map.of(), body, bodyLine, null, problems);
        return new FrontMatter(Values.map(parsed.documents().get(0).root()), body, bodyLine,
                parsed.documents().get(0).lines(), problems);
    }

    public String string(String key) {
        return Values.string(fields.get(key));
    }

    /** The file line of a front-matter field (the line after the opening {@code ---} is line 2). */
    public int lineOf(String key) {
        return lines == null ? 1 : lines.lineOf(key) + 1;
    }
}

package dev.steward.catalog.load.yaml;

import java.util.Map;

/**
 * The 1-based line of every field of one YAML document, keyed by path: {@code spec.owner},
 * {@code spec.rules[0].approvers[1]}. Used while validating, so errors point at the field.
 */
public final class YamlLines {
    private final Map<String, Integer> lines;
    private final int documentLine;

    YamlLines(Map<String, Integer> lines, int documentLine) {
        this.lines = lines;
        this.documentLine = documentLine;
    }

    /** The line of {@code path}, else of its nearest recorded parent, else of the document. */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) return line;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) return documentLine;
            p = p.substring(0, cut);
        }
    }

    public int documentLine() {
        return documentLine;
    }
}

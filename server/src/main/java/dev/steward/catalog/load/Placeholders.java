package dev.steward.catalog.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.Runbooks;
import dev.steward.catalog.check.Findings;
import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.load.yaml.YamlFile;
import dev.steward.catalog.load.yaml.YamlLines;
import dev.steward.catalog.model.RepoFiles;
import dev.steward.catalog.model.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Backstage's substitution placeholders: a map {@code {$text: ./file}} becomes the file's text,
 * {@code $json} and {@code $yaml} its parsed content. Paths are relative to the manifest and read
 * from the same commit; they never leave the repository and never reach the network. Every file read
 * is recorded with its blob id, so a reload re-reads the manifest when one of them changes, and is a
 * data file, not a manifest.
 */
public final class Placeholders {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    private final String manifest;
    private final YamlLines lines;
    private final RepoFiles repo;
    private final SafeYamlReader reader;
    private final Findings findings;
    private final Map<String, String> dependencies;
    private final Set<String> dataFiles;

    Placeholders(String manifest, YamlLines lines, RepoFiles repo, SafeYamlReader reader, Findings findings,
                 Map<String, String> dependencies, Set<String> dataFiles) {
        this.manifest = manifest;
        this.lines = lines;
        this.repo = repo;
        this.reader = reader;
        this.findings = findings;
        this.dependencies = dependencies;
        this.dataFiles = dataFiles;
    }

    /** True for an address with a scheme ({@code https:}, {@code file:}): not a path in the repository. */
    static boolean isUrl(String target) {
        return URL.matcher(target).matches();
    }

    /** The document with every placeholder replaced (the same object when there is none). */
    Object resolve(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Object key = map.keySet().iterator().next();
                if ("$text".equals(key) || "$json".equals(key) || "$yaml".equals(key)) {
                    return substitute((String) key, map.get(key), path);
                }
            }
            Map<String, Object> out = null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String childPath = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
                Object resolved = resolve(e.getValue(), childPath);
                if (resolved != e.getValue() && out == null) {
                    out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> before : map.entrySet()) out.put(String.valueOf(before.getKey()), before.getValue());
                }
                if (out != null) out.put(String.valueOf(e.getKey()), resolved);
            }
            return out == null ? value : Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = null;
            for (int i = 0; i < list.size(); i++) {
                Object resolved = resolve(list.get(i), path + "[" + i + "]");
                if (resolved != list.get(i) && out == null) out = new ArrayList<>(list.subList(0, i));
                if (out != null) out.add(resolved);
            }
            return out == null ? value : Collections.unmodifiableList(out);
        }
        return value;
    }

    private Object substitute(String kind, Object target, String path) {
        int line = lines.lineOf(path);
        if (!(target instanceof String relative) || relative.isBlank()) {
            findings.error(manifest, line, path + ": " + kind + " needs a relative path to a file in the repository");
            return null;
        }
        if (isUrl(relative)) {
            // Git is the source of truth and a load never reaches the network: keep the address itself.
            findings.warning(new SourceLocation(manifest, line), path + ": " + kind + " " + relative
                    + " is a URL; Steward reads only the commit, so the field holds the URL, not its content");
            return relative;
        }
        String file = resolvePath(manifest, relative);
        if (file == null) {
            findings.error(manifest, line, path + ": " + kind + " '" + relative + "' leaves the repository");
            return null;
        }
        dependencies.put(file, String.valueOf(repo.id(file)));
        dataFiles.add(file);
        long size = repo.size(file);
        if (size < 0) {
            findings.error(manifest, line, path + ": " + kind + " '" + relative + "': no file " + file + " at this commit");
            return null;
        }
        if (size > MAX_BYTES) {
            findings.error(manifest, line, path + ": " + kind + " '" + relative + "' is larger than " + MAX_BYTES + " bytes");
            return null;
        }
        byte[] bytes = repo.read(file);
        try {
            return switch (kind) {
                case "$text" -> new String(bytes, StandardCharsets.UTF_8);
                case "$json" -> JSON.readValue(bytes, Object.class);
                default -> yaml(file, bytes, line, path);
            };
        } catch (IOException e) {
            findings.error(manifest, line, path + ": $json '" + relative + "' is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    /** {@code relative} from the folder of {@code manifest}, or null when it leaves the repository. */
    static String resolvePath(String manifest, String relative) {
        String base = manifest.contains("/") ? manifest.substring(0, manifest.lastIndexOf('/') + 1) : "";
        return Runbooks.normalize(relative.startsWith("/") ? relative.substring(1) : base + relative);
    }

    private Object yaml(String file, byte[] bytes, int line, String path) {
        YamlFile parsed = reader.read(file, bytes);
        if (!parsed.problems().isEmpty()) {
            findings.error(manifest, line, path + ": $yaml " + file + ": " + parsed.problems().get(0).format());
            return null;
        }
        return parsed.documents().isEmpty() ? null : parsed.documents().get(0).root();
    }
}

package dev.steward.alignment;

import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.load.yaml.YamlDocument;
import dev.steward.catalog.load.yaml.YamlFile;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code platform:} section of {@code steward.yaml}: how often to scan, each call's timeout, and
 * the sources. Credentials are never read from the file: a source's {@code credentials} names an
 * environment prefix whose variables hold them. A wrong setting is refused with its file and line.
 */
public record PlatformSettings(Duration scanEvery, Duration timeout, List<Source> sources) {
    public static final PlatformSettings NONE = new PlatformSettings(Duration.ofMinutes(5), Duration.ofSeconds(10), List.of());
    private static final Set<String> KINDS = Set.of("kafka", "iceberg-rest", "iceberg-jdbc", "flink", "schema-registry");
    private static final Pattern DURATION = Pattern.compile("^(\\d+)(ms|s|m|h)$");

    /** One source as configured: its kind, its settings (strings), the line it is written at. */
    public record Source(String kind, Map<String, String> settings, int line) {
        public String get(String key) {
            return settings.get(key);
        }

        /** The cluster entity it is configured for, a ref whose default kind is resource; null when none. */
        public EntityRef cluster() {
            String text = settings.get("cluster");
            return text == null ? null : EntityRef.parse(text, "resource", EntityRef.DEFAULT_NAMESPACE);
        }
    }

    /** A configuration that cannot be used: file, line and what is wrong. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "kafka", List.of("cluster", "bootstrapServers"), "iceberg-rest", List.of("uri"),
            "iceberg-jdbc", List.of("uri", "warehouse"), "flink", List.of("cluster", "restUrl"),
            "schema-registry", List.of("url"));

    private static final Map<String, List<String>> OPTIONAL = Map.of("iceberg-rest", List.of("warehouse"),
            "iceberg-jdbc", List.of("catalogName"));

    private static List<String> known(String kind) {
        List<String> out = new ArrayList<>(REQUIRED.get(kind));
        out.addAll(OPTIONAL.getOrDefault(kind, List.of()));
        out.add("credentials");
        return out;
    }

    public static PlatformSettings read(String path, byte[] content) throws Invalid {
        YamlFile yaml = new SafeYamlReader().read(path, content);
        if (!yaml.problems().isEmpty()) throw new Invalid(yaml.problems().get(0).format());
        if (yaml.documents().isEmpty()) return NONE;
        YamlDocument doc = yaml.documents().get(0);
        Object platform = Values.map(doc.root()).get("platform");
        if (platform == null) return NONE;
        if (!(platform instanceof Map)) throw invalid(path, doc, "platform", "platform must be a map");
        Map<String, Object> map = Values.map(platform);
        for (String key : map.keySet()) {
            if (!Set.of("scanEvery", "timeout", "sources").contains(key)) {
                throw invalid(path, doc, "platform." + key, "unknown setting 'platform." + key
                        + "'; known: scanEvery, timeout, sources");
            }
        }
        Duration every = duration(path, doc, "platform.scanEvery", map.get("scanEvery"), NONE.scanEvery());
        Duration timeout = duration(path, doc, "platform.timeout", map.get("timeout"), NONE.timeout());
        List<Source> sources = new ArrayList<>();
        List<?> list = Values.list(map.get("sources"));
        for (int i = 0; i < list.size(); i++) {
            String where = "platform.sources[" + i + "]";
            Map<String, Object> s = Values.map(list.get(i));
            Object kind = s.get("kind");
            if (!(kind instanceof String k) || !KINDS.contains(k)) {
                throw invalid(path, doc, where, where + ".kind must be one of " + String.join(", ", new TreeSet<>(KINDS)));
            }
            Map<String, String> settings = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : s.entrySet()) {
                if (e.getKey().equals("kind")) continue;
                if (e.getKey().matches("(?i).*(password|secret|token|jaas).*")) {
                    throw invalid(path, doc, where + "." + e.getKey(), where + "." + e.getKey() + ": credentials are read "
                            + "from the environment, never from this file; name an environment prefix with 'credentials'");
                }
                settings.put(e.getKey(), String.valueOf(e.getValue()));
            }
            for (String key : settings.keySet()) {
                if (!REQUIRED.get(k).contains(key) && !OPTIONAL.getOrDefault(k, List.of()).contains(key)
                        && !key.equals("credentials")) {
                    throw invalid(path, doc, where + "." + key, "unknown setting '" + key + "' for a " + k + " source; known: "
                            + String.join(", ", new TreeSet<>(known(k))));
                }
            }
            for (String required : REQUIRED.get(k)) {
                if (!settings.containsKey(required)) throw invalid(path, doc, where, where + " (" + k + ") needs " + required);
            }
            sources.add(new Source(k, Map.copyOf(settings), doc.lines().lineOf(where)));
        }
        return new PlatformSettings(every, timeout, List.copyOf(sources));
    }

    private static Duration duration(String path, YamlDocument doc, String where, Object value, Duration otherwise)
            throws Invalid {
        if (value == null) return otherwise;
        Matcher m = DURATION.matcher(String.valueOf(value).trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw invalid(path, doc, where, where + " must be a duration such as 30s or 5m, not '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static Invalid invalid(String path, YamlDocument doc, String field, String message) {
        return new Invalid(Problem.error(path, doc.lines().lineOf(field), message).format());
    }
}

package dev.steward.catalog.check;

import dev.steward.catalog.load.yaml.YamlLines;
import dev.steward.catalog.model.Values;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Backstage's own entity rules, as {@code @backstage/catalog-model} applies them: the envelope and
 * metadata formats (FieldFormatEntityPolicy, NoForeignRootFieldsEntityPolicy) and the required spec
 * fields of each built-in kind. Extra spec fields are allowed, as Backstage's kind schemas allow them.
 */
public final class BackstageRules {
    /** Backstage's built-in kinds, lowercase → as Backstage's kind schemas spell them (case matters there). */
    public static final Map<String, String> KINDS = Map.of("component", "Component", "api", "API", "resource", "Resource",
            "system", "System", "domain", "Domain", "group", "Group", "user", "User", "location", "Location",
            "airesource", "AiResource");
    static final Set<String> API_VERSIONS = Set.of("backstage.io/v1alpha1", "backstage.io/v1beta1");
    /** Kinds Backstage defines at v1alpha1 only. */
    private static final Set<String> ALPHA_ONLY = Set.of("airesource");

    /** The apiVersions Backstage accepts for a kind (lowercase). */
    public static Set<String> apiVersionsOf(String kind) {
        return ALPHA_ONLY.contains(kind) ? Set.of("backstage.io/v1alpha1") : API_VERSIONS;
    }
    static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");

    private static final Pattern KIND = Pattern.compile("^[a-zA-Z][a-z0-9A-Z]*$");
    private static final Pattern API_VERSION_NAME = Pattern.compile("^[a-z0-9A-Z]+$");
    private static final Pattern OBJECT_NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]+(?:-+[a-z0-9]+)*$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

    /** Required spec fields per kind, each a string unless listed in {@link #LIST_FIELDS}. */
    private static final Map<String, List<String>> REQUIRED_SPEC = Map.of(
            "component", List.of("type", "lifecycle", "owner"),
            "api", List.of("type", "lifecycle", "owner", "definition"),
            "resource", List.of("type", "owner"),
            "system", List.of("owner"),
            "domain", List.of("owner"),
            "group", List.of("type", "children"),
            "user", List.of("memberOf"),
            "location", List.of(),
            "airesource", List.of("type", "lifecycle", "owner"));
    /** Further required fields by {@code kind:type}, as Backstage's per-type schemas have them. */
    private static final Map<String, List<String>> REQUIRED_BY_TYPE = Map.of(
            "api:mcp-server", List.of("type", "lifecycle", "owner", "remotes"),
            "airesource:plugin", List.of("skills"),
            "airesource:rule", List.of("category", "rationale"),
            "airesource:marketplace", List.of("plugins"));
    private static final Set<String> LIST_FIELDS = Set.of("children", "memberOf", "targets", "remotes", "skills",
            "plugins");

    private BackstageRules() {
    }

    static boolean isValidName(String name) {
        return name.length() <= 63 && OBJECT_NAME.matcher(name).matches();
    }

    static boolean isValidNamespace(String namespace) {
        return isDnsLabel(namespace);
    }

    private static boolean isDnsLabel(String s) {
        return !s.isEmpty() && s.length() <= 63 && DNS_LABEL.matcher(s).matches();
    }

    private static boolean isDnsSubdomain(String s) {
        if (s.isEmpty() || s.length() > 253) return false;
        for (String label : s.split("\\.", -1)) {
            if (!isDnsLabel(label)) return false;
        }
        return true;
    }

    public static boolean isValidKind(String kind) {
        return kind.length() <= 63 && KIND.matcher(kind).matches();
    }

    /** {@code [dns-subdomain/]name}, as Backstage's KubernetesValidatorFunctions.isValidApiVersion. */
    public static boolean isValidApiVersion(String apiVersion) {
        String[] parts = apiVersion.split("/", -1);
        String name = parts[parts.length - 1];
        boolean nameOk = !name.isEmpty() && name.length() <= 63 && API_VERSION_NAME.matcher(name).matches();
        return parts.length == 1 ? nameOk : parts.length == 2 && isDnsSubdomain(parts[0]) && nameOk;
    }

    /** Envelope and metadata checks shared by every kind, Steward's included. */
    public static void checkEnvelope(Map<String, Object> doc, String path, YamlLines lines, Findings findings) {
        for (String key : doc.keySet()) {
            if (!ROOT_FIELDS.contains(key)) {
                findings.error(path, lines.lineOf(key), "unknown top-level field '" + key
                        + "'; an entity has only apiVersion, kind, metadata and spec");
            }
        }
        Object metadataValue = doc.get("metadata");
        if (!(metadataValue instanceof Map)) {
            findings.error(path, lines.lineOf("metadata"), "metadata must be a map with at least a name");
            return;
        }
        Map<String, Object> metadata = Values.map(metadataValue);
        Object name = metadata.get("name");
        if (!(name instanceof String n) || n.isEmpty()) {
            findings.error(path, lines.lineOf("metadata"), "metadata.name is required");
        } else if (!isValidName(n)) {
            findings.error(path, lines.lineOf("metadata.name"), "metadata.name '" + n + "' is not a valid name: "
                    + "1-63 characters, letters and digits separated by '-', '_' or '.'");
        }
        Object namespace = metadata.get("namespace");
        if (namespace != null && !(namespace instanceof String ns && isValidNamespace(ns))) {
            findings.error(path, lines.lineOf("metadata.namespace"), "metadata.namespace '" + namespace
                    + "' is not valid: 1-63 lowercase letters, digits and '-'");
        }
        for (String field : List.of("title", "description", "uid", "etag")) {
            Object v = metadata.get(field);
            if (v != null && !(v instanceof String)) {
                findings.error(path, lines.lineOf("metadata." + field), "metadata." + field + " must be a string, not "
                        + Values.typeName(v));
            }
        }
        checkTags(metadata.get("tags"), path, lines, findings);
        checkKeyValues(metadata.get("labels"), "labels", true, path, lines, findings);
        checkKeyValues(metadata.get("annotations"), "annotations", false, path, lines, findings);
        checkLinks(metadata.get("links"), path, lines, findings);
    }

    private static void checkTags(Object tags, String path, YamlLines lines, Findings findings) {
        if (tags == null) return;
        if (!(tags instanceof List<?> list)) {
            findings.error(path, lines.lineOf("metadata.tags"), "metadata.tags must be a list of strings");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Object tag = list.get(i);
            if (!(tag instanceof String t) || t.length() > 63 || !TAG.matcher(t).matches()) {
                findings.error(path, lines.lineOf("metadata.tags[" + i + "]"), "tag '" + tag + "' is not valid: "
                        + "lowercase letters, digits, ':', '+' and '#', words joined by '-', at most 63 characters");
            }
        }
    }

    private static void checkKeyValues(Object value, String field, boolean labels, String path, YamlLines lines,
                                       Findings findings) {
        if (value == null) return;
        if (!(value instanceof Map<?, ?> map)) {
            findings.error(path, lines.lineOf("metadata." + field), "metadata." + field + " must be a map");
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            int line = lines.lineOf("metadata." + field + "." + key);
            if (!isValidPrefixedKey(key)) {
                findings.error(path, line, "metadata." + field + " key '" + key
                        + "' is not valid: [dns.prefix/]name, the name 1-63 letters, digits, '-', '_', '.'");
            }
            Object v = e.getValue();
            if (!(v instanceof String s)) {
                findings.error(path, line, "metadata." + field + "." + key + " must be a string, not " + Values.typeName(v));
            } else if (labels && (s.length() > 63 || !LABEL_VALUE.matcher(s).matches())) {
                findings.error(path, line, "label value '" + s + "' is not valid: at most 63 letters, digits, '-', '_', '.'");
            }
        }
    }

    static boolean isValidPrefixedKey(String key) {
        int slash = key.indexOf('/');
        String name = key;
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (!isDnsSubdomain(prefix)) return false;
        }
        return !name.isEmpty() && isValidName(name);
    }

    private static void checkLinks(Object links, String path, YamlLines lines, Findings findings) {
        if (links == null) return;
        if (!(links instanceof List<?> list)) {
            findings.error(path, lines.lineOf("metadata.links"), "metadata.links must be a list");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Object link = list.get(i);
            int line = lines.lineOf("metadata.links[" + i + "]");
            if (!(link instanceof Map<?, ?> m) || !(m.get("url") instanceof String url) || !isAbsoluteUrl(url)) {
                findings.error(path, line, "metadata.links[" + i + "] needs a url, such as https://grafana.example.com/d/x");
                continue;
            }
            if (!LINK_SCHEMES.contains(scheme(url))) {
                // Links are rendered in the UI, chat and Backstage: a javascript: or data: URL would run there.
                findings.error(path, line, "metadata.links[" + i + "].url '" + url + "' must be an http, https or mailto "
                        + "link, not " + scheme(url) + ":");
                continue;
            }
            for (String field : List.of("title", "icon")) {
                Object v = m.get(field);
                if (v != null && !(v instanceof String s && !s.isEmpty())) {
                    findings.error(path, line, "metadata.links[" + i + "]." + field + " must be a non-empty string");
                }
            }
        }
    }

    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");

    /** The scheme of an absolute URL, in lower case (schemes are case-insensitive: JavaScript: is javascript:). */
    private static String scheme(String url) {
        return url.substring(0, url.indexOf(':')).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isAbsoluteUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Required spec fields of a Backstage kind, with their types. */
    public static void checkSpec(String kind, Map<String, Object> doc, String path, YamlLines lines, Findings findings) {
        List<String> required = REQUIRED_SPEC.get(kind);
        Object specValue = doc.get("spec");
        if (specValue == null && required.isEmpty() && !kind.equals("location")) return;
        if (!(specValue instanceof Map)) {
            findings.error(path, lines.lineOf("spec"), "spec is required for kind " + kind + " and must be a map");
            return;
        }
        Map<String, Object> spec = Values.map(specValue);
        List<String> byType = REQUIRED_BY_TYPE.get(kind + ":" + spec.get("type"));
        if (kind.equals("api") && byType != null) {
            required = byType; // an MCP server is described by its remotes, not a definition
        } else if (byType != null) {
            required = new ArrayList<>(required);
            required.addAll(byType);
        }
        for (String field : required) {
            Object v = spec.get(field);
            String where = "spec." + field;
            if (v == null) {
                findings.error(path, lines.lineOf("spec"), where + " is required for kind " + kind);
            } else if (LIST_FIELDS.contains(field)) {
                if (!(v instanceof List)) findings.error(path, lines.lineOf(where), where + " must be a list");
            } else if (!(v instanceof String s) || s.isEmpty()) {
                findings.error(path, lines.lineOf(where), where + " must be a non-empty string, not " + Values.typeName(v));
            }
        }
        if (spec.get("remotes") instanceof List<?> remotes && required.contains("remotes")) {
            if (remotes.isEmpty()) findings.error(path, lines.lineOf("spec.remotes"), "spec.remotes needs at least one remote");
            for (int i = 0; i < remotes.size(); i++) {
                Map<String, Object> remote = Values.map(remotes.get(i));
                for (String field : List.of("type", "url")) {
                    if (!(remote.get(field) instanceof String s && !s.isEmpty())) {
                        findings.error(path, lines.lineOf("spec.remotes[" + i + "]"),
                                "spec.remotes[" + i + "]." + field + " must be a non-empty string");
                    }
                }
            }
        }
        if (kind.equals("location")) {
            boolean hasTarget = spec.get("target") instanceof String;
            boolean hasTargets = spec.get("targets") instanceof List;
            if (!hasTarget && !hasTargets) {
                findings.error(path, lines.lineOf("spec"), "a Location needs spec.target or spec.targets");
            }
        }
    }
}

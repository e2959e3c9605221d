package dev.steward.catalog.load;

import dev.steward.catalog.check.BackstageRules;
import dev.steward.catalog.check.Findings;
import dev.steward.catalog.load.yaml.YamlDocument;
import dev.steward.catalog.load.yaml.YamlLines;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.RefField;
import dev.steward.catalog.model.SourceLocation;
import dev.steward.catalog.model.StewardKinds;
import dev.steward.catalog.model.Values;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one YAML document into an {@link Entity}: recognises the kind, applies Backstage's envelope
 * and kind rules, and parses the refs of its spec fields with Backstage's default kinds.
 */
public final class EntityReader {

    /** Steward's own kinds, lowercase. */
    static boolean isStewardKind(String lowerKind) {
        return lowerKind.equals(StewardKinds.RESPONSIBILITY) || lowerKind.equals(StewardKinds.OWNERSHIP_POLICY) || lowerKind.equals(StewardKinds.READINESS_CHECKLIST);
    }

    private EntityReader() {
    }

    /** An entity as read, with the line of each of its fields for the checks of its own file. */
    record Read(Entity entity, YamlLines lines) {
        String path() {
            return entity.source().path();
        }

        SourceLocation at(String fieldPath) {
            return new SourceLocation(path(), lines.lineOf(fieldPath));
        }
    }

    /** The entity, or null when the document is not one Steward uses (reported in findings). */
    static Read read(YamlDocument document, String path, Findings findings) {
        YamlLines lines = document.lines();
        int line = document.line();
        if (!(document.root() instanceof Map<?, ?>)) {
            findings.error(path, line, "document is not an entity: its top level is "
                    + Values.typeName(document.root()) + ", not a map with apiVersion, kind, metadata and spec");
            return null;
        }
        Map<String, Object> doc = Values.map(document.root());
        Object apiVersionValue = doc.get("apiVersion");
        Object kindValue = doc.get("kind");
        if (!(apiVersionValue instanceof String apiVersion) || !(kindValue instanceof String kind)) {
            findings.error(path, line, "document is not an entity: "
                    + (apiVersionValue instanceof String ? "kind" : "apiVersion") + " is missing or not a string");
            return null;
        }
        if (!BackstageRules.isValidApiVersion(apiVersion)) {
            findings.error(path, lines.lineOf("apiVersion"), "apiVersion '" + apiVersion + "' is not valid");
            return null;
        }
        if (!BackstageRules.isValidKind(kind)) {
            findings.error(path, lines.lineOf("kind"), "kind '" + kind + "' is not valid");
            return null;
        }
        if (!isKnownKind(apiVersion, kind, path, document, findings)) return null;
        String lowerKind = kind.toLowerCase(Locale.ROOT);
        boolean backstage = apiVersion.startsWith("backstage.io/");

        BackstageRules.checkEnvelope(doc, path, lines, findings);
        if (backstage) BackstageRules.checkSpec(lowerKind, doc, path, lines, findings);
        if (!hasName(doc)) return null;
        Map<String, Object> metadata = Values.map(doc.get("metadata"));
        String namespace = metadata.get("namespace") instanceof String ns ? ns : EntityRef.DEFAULT_NAMESPACE;
        EntityRef ref = EntityRef.of(lowerKind, namespace, (String) metadata.get("name"));
        Map<RefField, List<EntityRef>> refs = backstage
                ? readRefs(lowerKind, Values.map(doc.get("spec")), namespace, path, lines, findings)
                : Map.of();
        Entity entity = new Entity(ref, apiVersion, kind, doc, new SourceLocation(path, line), refs);
        return new Read(entity, lines);
    }

    /**
     * Whether {@code kind} of {@code apiVersion} is one Steward reads: Backstage's kinds (their names as
     * Backstage writes them) and Steward's own. Anything else is an error, or a warning and skipped.
     */
    private static boolean isKnownKind(String apiVersion, String kind, String path, YamlDocument document,
                                       Findings findings) {
        YamlLines lines = document.lines();
        int line = document.line();
        String lowerKind = kind.toLowerCase(Locale.ROOT);
        boolean backstage = apiVersion.startsWith("backstage.io/");
        boolean steward = apiVersion.equals(StewardKinds.API_VERSION);
        if (backstage && !BackstageRules.KINDS.containsKey(lowerKind)) {
            findings.error(path, lines.lineOf("kind"), "unknown kind '" + kind + "' for " + apiVersion
                    + "; expected one of Component, API, Resource, System, Domain, Group, User, Location, AiResource");
            return false;
        }
        if (backstage && !BackstageRules.KINDS.get(lowerKind).equals(kind)) {
            findings.error(path, lines.lineOf("kind"), "kind '" + kind + "' must be written '"
                    + BackstageRules.KINDS.get(lowerKind) + "'; Backstage's kind names are case-sensitive");
        }
        if (backstage && !BackstageRules.apiVersionsOf(lowerKind).contains(apiVersion)) {
            findings.error(path, lines.lineOf("apiVersion"), "apiVersion '" + apiVersion
                    + "' is not one Backstage accepts for " + kind + "; use backstage.io/v1alpha1");
        }
        if (steward && !isStewardKind(lowerKind)) {
            findings.error(path, lines.lineOf("kind"), "unknown kind '" + kind + "' for " + apiVersion
                    + "; expected Responsibility, OwnershipPolicy or ReadinessChecklist");
            return false;
        }
        if (apiVersion.startsWith("steward.dev/") && !steward) {
            findings.error(path, lines.lineOf("apiVersion"), "unsupported apiVersion '" + apiVersion
                    + "'; this Steward reads " + StewardKinds.API_VERSION);
            return false;
        }
        if (!backstage && !steward) {
            findings.warning(new SourceLocation(path, line), "kind " + kind + " (" + apiVersion
                    + ") is not one Steward uses; skipped");
            return false;
        }
        return true;
    }

    private static boolean hasName(Map<String, Object> doc) {
        return Values.map(doc.get("metadata")).get("name") instanceof String n && !n.isEmpty();
    }

    private static Map<RefField, List<EntityRef>> readRefs(String kind, Map<String, Object> spec, String namespace,
                                                          String path, YamlLines lines, Findings findings) {
        Map<RefField, List<EntityRef>> refs = new EnumMap<>(RefField.class);
        for (RefField field : RefField.forKind(kind)) {
            Object value = spec.get(field.field());
            if (value == null) continue;
            String where = "spec." + field.field();
            List<EntityRef> parsed = new ArrayList<>();
            if (field.many()) {
                if (!(value instanceof List<?> list)) {
                    findings.error(path, lines.lineOf(where), where + " must be a list of entity refs");
                    continue;
                }
                for (int i = 0; i < list.size(); i++) {
                    EntityRef ref = parseRef(list.get(i), field, namespace, path, lines, where + "[" + i + "]", findings);
                    if (ref != null) parsed.add(ref);
                }
            } else {
                EntityRef ref = parseRef(value, field, namespace, path, lines, where, findings);
                if (ref != null) parsed.add(ref);
            }
            refs.put(field, List.copyOf(parsed));
        }
        return refs;
    }

    private static EntityRef parseRef(Object value, RefField field, String namespace, String path, YamlLines lines,
                                      String where, Findings findings) {
        if (!(value instanceof String text)) {
            findings.error(path, lines.lineOf(where), where + " must be an entity ref string, not " + Values.typeName(value));
            return null;
        }
        try {
            return EntityRef.parse(text, field.defaultKind(), namespace);
        } catch (EntityRef.RefFormatException e) {
            findings.error(path, lines.lineOf(where), where + ": " + e.getMessage());
            return null;
        }
    }
}

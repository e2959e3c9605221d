package dev.steward.alignment;

import dev.steward.catalog.model.Imported;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Manifests for live assets that no entity describes: valid Backstage entities with the live values
 * filled in, the asset's identity in Steward's annotation, and {@code spec.owner} set to
 * {@link Imported#NEEDS_OWNER}, which {@code steward check} reports, for each of them, as an owner to set.
 */
public final class Importer {
    private Importer() {
    }

    /** One YAML file of documents, for the unmanaged assets among {@code assets}. */
    public static String manifests(String source, List<LiveAsset> assets, List<Finding> findings) {
        List<String> unmanaged = findings.stream().filter(f -> f.kind() == Finding.Kind.UNMANAGED && f.source().equals(source))
                .map(Finding::asset).toList();
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        Yaml yaml = new Yaml(options);
        List<String> documents = new ArrayList<>();
        for (LiveAsset asset : assets) {
            if (!unmanaged.contains(asset.name())) continue;
            documents.add(yaml.dump(document(source, asset)));
        }
        return "# Imported by `steward import` from " + source + ": set each spec.owner, then review and merge.\n"
                + String.join("---\n", documents);
    }

    private static Map<String, Object> document(String source, LiveAsset asset) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(Imported.FROM, source);
        String identity = switch (asset.kind()) {
            case KAFKA_TOPIC -> Identities.TOPIC;
            case FLINK_JOB -> Identities.JOB;
            case SCHEMA -> Identities.SUBJECT;
            case ICEBERG_TABLE -> null;
        };
        if (identity != null) annotations.put(identity, asset.name());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name(asset.name()));
        metadata.put("title", asset.name());
        metadata.put("annotations", annotations);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", asset.kind() == AssetKind.SCHEMA ? "avro" : asset.kind().entityType());
        if (asset.kind() != AssetKind.ICEBERG_TABLE && asset.kind() != AssetKind.SCHEMA) spec.put("lifecycle", "production");
        spec.put("owner", Imported.NEEDS_OWNER.toString());
        if (asset.cluster() != null) spec.put("cluster", asset.cluster().toString());
        if (asset.kind() == AssetKind.ICEBERG_TABLE) spec.put("table", asset.name());
        asset.fields().forEach((path, value) -> put(spec, path, value));
        if (asset.kind() == AssetKind.SCHEMA) spec.putIfAbsent("lifecycle", "production");
        if (asset.kind() == AssetKind.SCHEMA) spec.put("definition", String.valueOf(asset.facts().getOrDefault("schema", "{}")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "backstage.io/v1alpha1");
        doc.put("kind", switch (asset.kind().entityKind()) {
            case "component" -> "Component";
            case "api" -> "API";
            default -> "Resource";
        });
        doc.put("metadata", metadata);
        doc.put("spec", spec);
        return doc;
    }

    /** A dotted path under spec as nested maps; table properties stay one map of dotted keys. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> spec, String path, Object value) {
        if (path.startsWith("properties.")) {
            ((Map<String, Object>) spec.computeIfAbsent("properties", k -> new LinkedHashMap<>())).put(path.substring(11), value);
            return;
        }
        String[] parts = path.split("\\.");
        Map<String, Object> at = spec;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        }
        at.put(parts[parts.length - 1], value);
    }

    /** A Backstage name: letters, digits, '-', '_', '.', at most 63, starting and ending alphanumeric. */
    public static String name(String asset) {
        String n = asset.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        if (n.length() > 63) n = n.substring(0, 63).replaceAll("[^a-z0-9]+$", "");
        return n.isEmpty() ? "imported" : n;
    }
}

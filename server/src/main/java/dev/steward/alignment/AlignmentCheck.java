package dev.steward.alignment;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what sources observed with the manifests, as PRODUCT.md's "Platform alignment" says:
 * each live asset is matched to the entity that declares it, declared fields are compared with live
 * ones ({@code drift}), live assets nobody declares are {@code unmanaged}, and entities a reachable
 * source should hold but does not are {@code missing} (experimental ones exempt). Matched assets'
 * observations become the entities' {@code facts}. Pure: no I/O.
 */
public final class AlignmentCheck {
    /** The findings, the facts of each matched entity, and the source each entity's facts came from. */
    public record Result(List<Finding> findings, Map<EntityRef, Map<String, Object>> facts,
                         Map<EntityRef, String> factSources) {
    }

    private static final Map<AssetKind, List<String>> COMPARED = Map.of(
            AssetKind.KAFKA_TOPIC, List.of("partitions", "replicationFactor", "cleanupPolicy", "retention.ms"),
            AssetKind.ICEBERG_TABLE, List.of("partitioning", "sortOrder", "formatVersion",
                    "retention.snapshots.maxAgeHours", "retention.snapshots.minSnapshotsToKeep"),
            AssetKind.FLINK_JOB, List.of("flinkVersion", "parallelism", "checkpointing.interval", "checkpointing.mode",
                    "checkpointing.timeout"),
            AssetKind.SCHEMA, List.of("compatibility"));

    private AlignmentCheck() {
    }

    public static Result check(Catalog catalog, List<Observation> observations) {
        Identities identities = Identities.of(catalog);
        List<Finding> findings = new ArrayList<>();
        Map<EntityRef, Map<String, Object>> facts = new HashMap<>();
        Map<EntityRef, String> factSources = new HashMap<>();
        Map<AssetKind, Set<EntityRef>> seen = new HashMap<>();
        for (Observation o : observations) {
            if (!o.available()) continue;
            for (LiveAsset asset : o.assets()) {
                Entity entity = identities.find(asset);
                if (entity == null) {
                    if (!(asset.kind() == AssetKind.KAFKA_TOPIC && asset.name().startsWith("__"))) {
                        findings.add(new Finding(Finding.Kind.UNMANAGED, null, o.source(), asset.name(), null, null,
                                null, null));
                    }
                    continue;
                }
                seen.computeIfAbsent(asset.kind(), k -> new HashSet<>()).add(entity.ref());
                facts.computeIfAbsent(entity.ref(), k -> new LinkedHashMap<>()).putAll(asset.facts());
                factSources.putIfAbsent(entity.ref(), o.source());
                drift(entity, o.source(), asset, findings);
            }
        }
        missing(catalog, identities, observations, seen, findings);
        return new Result(List.copyOf(findings), Map.copyOf(facts), Map.copyOf(factSources));
    }

    private static void drift(Entity entity, String source, LiveAsset asset, List<Finding> findings) {
        Map<String, Object> spec = entity.spec();
        List<String> fields = new ArrayList<>(COMPARED.get(asset.kind()));
        if (asset.kind() == AssetKind.ICEBERG_TABLE) {
            Values.map(spec.get("properties")).keySet().forEach(k -> fields.add("properties." + k));
        }
        for (String field : fields) {
            Object declared = declared(spec, field);
            if (declared == null) continue;
            Object actual = asset.fields().get(field);
            if (!Normalize.same(field, declared, actual)) {
                findings.add(new Finding(Finding.Kind.DRIFT, entity.ref(), source, asset.name(), field, declared, actual,
                        entity.owner()));
            }
        }
    }

    /** The declared value of a path under spec; table properties are keys that contain dots themselves. */
    static Object declared(Map<String, Object> spec, String field) {
        if (field.startsWith("properties.")) return Values.map(spec.get("properties")).get(field.substring(11));
        return Values.at(spec, field);
    }

    private static void missing(Catalog catalog, Identities identities, List<Observation> observations,
                                Map<AssetKind, Set<EntityRef>> seen, List<Finding> findings) {
        for (Observation o : observations) {
            for (AssetKind kind : o.holds()) {
                // Catalogs and registries: missing only when no reachable source of the kind holds it.
                boolean anyDown = o.cluster() == null && observations.stream()
                        .anyMatch(x -> x.holds().contains(kind) && x.cluster() == null && !x.available());
                if (!o.available() || anyDown) continue;
                if (o.cluster() == null && observations.indexOf(o) != firstOfKind(observations, kind)) continue;
                for (Entity e : identities.declaring(kind)) {
                    if ("experimental".equalsIgnoreCase(e.lifecycle())) continue;
                    if (o.cluster() != null && !o.cluster().equals(Identities.cluster(e))) continue;
                    if (seen.getOrDefault(kind, Set.of()).contains(e.ref())) continue;
                    findings.add(new Finding(Finding.Kind.MISSING, e.ref(), o.source(), identities.identity(e, kind),
                            null, null, null, e.owner()));
                }
            }
        }
    }

    private static int firstOfKind(List<Observation> observations, AssetKind kind) {
        for (int i = 0; i < observations.size(); i++) {
            if (observations.get(i).cluster() == null && observations.get(i).holds().contains(kind)) return i;
        }
        return -1;
    }
}

package dev.steward.alignment;

import dev.steward.catalog.model.EntityRef;
import java.util.Map;

/**
 * One asset as a platform source observed it. {@code cluster} is the entity ref of the cluster the
 * source is configured for (topics and jobs), else null; {@code name} is the asset's identity there (a
 * topic's name, a table's {@code namespace.table}, a job's name, a schema's subject).
 * {@code fields} are the effective values of what manifests declare, keyed by their path under
 * {@code spec} ({@code partitions}, {@code retention.ms}, {@code checkpointing.interval}); values
 * are strings, longs, booleans or lists of strings. {@code facts} is what readiness rules may read.
 */
public record LiveAsset(AssetKind kind, EntityRef cluster, String name, Map<String, Object> fields,
                        Map<String, Object> facts) {
}

package dev.steward.alignment.iceberg;

import dev.steward.alignment.AssetKind;
import dev.steward.alignment.LiveAsset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.transforms.Transform;

/**
 * One loaded Iceberg table as a {@link LiveAsset}, read from its current metadata: the fields and
 * facts that {@link IcebergSource} describes.
 */
final class TableObservation {
    private static final Pattern TRANSFORM = Pattern.compile("^([a-zA-Z_]+)(?:\\[(\\d+)])?$");
    private static final long HOUR_MS = 3_600_000L;

    private TableObservation() {
    }

    /** The table as the asset {@code name}; ages are against {@code clock}. */
    static LiveAsset of(String name, Table table, Clock clock) {
        if (!(table instanceof HasTableOperations ops)) {
            throw new IllegalStateException("table " + name + " gives no access to its metadata");
        }
        TableMetadata metadata = ops.operations().current();
        return new LiveAsset(AssetKind.ICEBERG_TABLE, null, name, fields(metadata), facts(metadata, clock));
    }

    /** What manifests declare, by its path under {@code spec}. */
    static Map<String, Object> fields(TableMetadata metadata) {
        Schema schema = metadata.schema();
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> partitioning = new ArrayList<>();
        for (PartitionField field : metadata.spec().fields()) {
            String column = column(schema, field.sourceId(), field.name());
            partitioning.add(transform(field.transform(), column));
        }
        fields.put("partitioning", List.copyOf(partitioning));
        List<String> sortOrder = new ArrayList<>();
        for (SortField field : metadata.sortOrder().fields()) {
            String column = column(schema, field.sourceId(), "#" + field.sourceId());
            String term = field.transform().isIdentity() ? column : transform(field.transform(), column);
            sortOrder.add(term + direction(field.direction(), field.nullOrder()));
        }
        fields.put("sortOrder", List.copyOf(sortOrder));
        fields.put("formatVersion", (long) metadata.formatVersion());
        Map<String, String> properties = new TreeMap<>(metadata.properties());
        properties.forEach((key, value) -> fields.put("properties." + key, value));
        Object maxAgeMs = number(properties.get(TableProperties.MAX_SNAPSHOT_AGE_MS),
                TableProperties.MAX_SNAPSHOT_AGE_MS_DEFAULT);
        fields.put("retention.snapshots.maxAgeHours", maxAgeMs instanceof Long ms ? hours(ms) : maxAgeMs);
        fields.put("retention.snapshots.minSnapshotsToKeep",
                number(properties.get(TableProperties.MIN_SNAPSHOTS_TO_KEEP),
                        TableProperties.MIN_SNAPSHOTS_TO_KEEP_DEFAULT));
        return fields;
    }

    /** What readiness rules may read. */
    static Map<String, Object> facts(TableMetadata metadata, Clock clock) {
        long now = clock.millis();
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Snapshot> snapshots = metadata.snapshots();
        facts.put("snapshotCount", (long) snapshots.size());
        Snapshot newest = null;
        Snapshot compaction = null;
        for (Snapshot s : snapshots) {
            if (newest == null || s.timestampMillis() > newest.timestampMillis()) newest = s;
            if (DataOperations.REPLACE.equals(s.operation())
                    && (compaction == null || s.timestampMillis() > compaction.timestampMillis())) {
                compaction = s;
            }
        }
        if (newest != null) facts.put("lastSnapshotAgeSeconds", ageSeconds(now, newest.timestampMillis()));
        if (compaction != null) facts.put("lastCompactionAgeSeconds", ageSeconds(now, compaction.timestampMillis()));
        facts.put("metadataFiles", (long) metadata.previousFiles().size() + 1);
        Snapshot current = metadata.currentSnapshot();
        if (current == null) {
            facts.put("totalDataFiles", 0L);
            facts.put("totalFilesSize", 0L);
        } else {
            Map<String, String> summary = current.summary() == null ? Map.of() : current.summary();
            putLong(facts, "totalDataFiles", summary.get(SnapshotSummary.TOTAL_DATA_FILES_PROP));
            putLong(facts, "totalFilesSize", summary.get(SnapshotSummary.TOTAL_FILE_SIZE_PROP));
        }
        facts.put("tableUuid", metadata.uuid());
        return facts;
    }

    /** A transform in the form manifests write: {@code days(col)}, {@code bucket(16, col)}. */
    static String transform(Transform<?, ?> transform, String column) {
        String text = transform.toString();
        Matcher m = TRANSFORM.matcher(text);
        if (!m.matches()) return text + "(" + column + ")";
        String name = m.group(1).toLowerCase(Locale.ROOT);
        name = switch (name) {
            case "year" -> "years";
            case "month" -> "months";
            case "day" -> "days";
            case "hour" -> "hours";
            default -> name;
        };
        return m.group(2) == null ? name + "(" + column + ")" : name + "(" + m.group(2) + ", " + column + ")";
    }

    private static String direction(SortDirection direction, NullOrder nulls) {
        if (direction == SortDirection.ASC) return nulls == NullOrder.NULLS_FIRST ? "" : " ASC NULLS LAST";
        return nulls == NullOrder.NULLS_LAST ? " DESC" : " DESC NULLS FIRST";
    }

    private static String column(Schema schema, int sourceId, String fallback) {
        String name = schema.findColumnName(sourceId);
        return name == null ? fallback : name;
    }

    private static Object number(String text, long fallback) {
        if (text == null) return fallback;
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object hours(long ms) {
        return ms % HOUR_MS == 0 ? (Object) (ms / HOUR_MS) : (Object) ((double) ms / HOUR_MS);
    }

    private static long ageSeconds(long now, long then) {
        return Math.floorDiv(now - then, 1000L);
    }

    private static void putLong(Map<String, Object> facts, String key, String text) {
        if (text == null) return;
        try {
            facts.put(key, Long.parseLong(text.trim()));
        } catch (NumberFormatException ignored) {
            // a writer's summary that is not a number is no fact
        }
    }
}

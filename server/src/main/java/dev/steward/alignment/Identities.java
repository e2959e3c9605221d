package dev.steward.alignment;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Values;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which entity declares a live asset: a topic by {@code spec.cluster} and the
 * {@code steward.dev/kafka-topic} annotation, else {@code metadata.title}, else {@code metadata.name};
 * a table by {@code spec.table}; a job by the {@code steward.dev/flink-job} annotation, else its name,
 * on {@code spec.cluster}; a schema by the {@code steward.dev/schema-subject} annotation, else
 * {@code <topic>-value} of the topic whose {@code spec.schema} names it.
 */
final class Identities {
    static final String TOPIC = "steward.dev/kafka-topic";
    static final String JOB = "steward.dev/flink-job";
    static final String SUBJECT = "steward.dev/schema-subject";
    private static final Set<String> SCHEMA_TYPES = Set.of("avro", "protobuf", "json-schema");

    private final Map<AssetKind, Map<String, Entity>> byIdentity = new EnumMap<>(AssetKind.class);
    private final Map<AssetKind, List<Entity>> declaring = new EnumMap<>(AssetKind.class);
    private final Map<EntityRef, String> subjects = new HashMap<>();

    private Identities() {
        for (AssetKind k : AssetKind.values()) {
            byIdentity.put(k, new HashMap<>());
            declaring.put(k, new ArrayList<>());
        }
    }

    static Identities of(Catalog catalog) {
        Identities out = new Identities();
        for (Entity e : catalog.entitiesOfKind("resource")) {
            if ("kafka-topic".equals(e.type())) {
                out.add(AssetKind.KAFKA_TOPIC, key(cluster(e), topicName(e)), e);
                EntityRef schema = schemaOf(e);
                if (schema != null) out.subjects.putIfAbsent(schema, topicName(e) + "-value");
            } else if ("iceberg-table".equals(e.type()) && e.spec().get("table") instanceof String table) {
                out.add(AssetKind.ICEBERG_TABLE, key(null, table), e);
            }
        }
        for (Entity e : catalog.entitiesOfKind("component")) {
            if ("flink-job".equals(e.type())) out.add(AssetKind.FLINK_JOB, key(cluster(e), annotation(e, JOB, e.name())), e);
        }
        for (Entity e : catalog.entitiesOfKind("api")) {
            if (e.type() == null || !SCHEMA_TYPES.contains(e.type())) continue;
            String subject = annotation(e, SUBJECT, out.subjects.get(e.ref()));
            if (subject != null) {
                out.subjects.put(e.ref(), subject);
                out.add(AssetKind.SCHEMA, key(null, subject), e);
            }
        }
        return out;
    }

    private void add(AssetKind kind, String key, Entity e) {
        byIdentity.get(kind).putIfAbsent(key, e);
        declaring.get(kind).add(e);
    }

    Entity find(LiveAsset asset) {
        return byIdentity.get(asset.kind()).get(key(asset.cluster(), asset.name()));
    }

    /** The entities that declare assets of a kind (with an identity a source can match). */
    List<Entity> declaring(AssetKind kind) {
        return declaring.get(kind);
    }

    /** The identity of an entity as an asset of {@code kind}: what a missing finding names. */
    String identity(Entity e, AssetKind kind) {
        return switch (kind) {
            case KAFKA_TOPIC -> topicName(e);
            case ICEBERG_TABLE -> (String) e.spec().get("table");
            case FLINK_JOB -> annotation(e, JOB, e.name());
            case SCHEMA -> subjects.get(e.ref());
        };
    }

    /** {@code spec.cluster}, a ref whose default kind is resource; null when absent or malformed. */
    static EntityRef cluster(Entity e) {
        if (!(e.spec().get("cluster") instanceof String text)) return null;
        try {
            return EntityRef.parse(text, "resource", e.ref().namespace());
        } catch (EntityRef.RefFormatException bad) {
            return null;
        }
    }

    private static EntityRef schemaOf(Entity topic) {
        if (!(topic.spec().get("schema") instanceof String text)) return null;
        try {
            return EntityRef.parse(text, "api", topic.ref().namespace());
        } catch (EntityRef.RefFormatException bad) {
            return null;
        }
    }

    private static String topicName(Entity e) {
        String title = e.title();
        return annotation(e, TOPIC, title != null ? title : e.name());
    }

    private static String annotation(Entity e, String key, String otherwise) {
        Object value = Values.map(e.metadata().get("annotations")).get(key);
        return value instanceof String s && !s.isBlank() ? s : otherwise;
    }

    private static String key(EntityRef cluster, String name) {
        return (cluster == null ? "" : cluster.toString()) + "|" + name;
    }
}

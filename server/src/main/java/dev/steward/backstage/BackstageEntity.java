package dev.steward.backstage;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Relation;
import dev.steward.catalog.model.Values;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

/**
 * An entity as Backstage's catalog backend returns it: the document with {@code metadata.namespace},
 * a {@code uid} that stays the same while the entity exists (derived from its ref), an {@code etag}
 * that changes with its content, the location annotations, and {@code relations} in both directions.
 */
public final class BackstageEntity {
    public static final String MANAGED_BY_LOCATION = "backstage.io/managed-by-location";
    public static final String MANAGED_BY_ORIGIN_LOCATION = "backstage.io/managed-by-origin-location";
    public static final String SOURCE_LOCATION = "backstage.io/source-location";

    /** Etags by document, computed once per entity object: an unchanged entity keeps its object. */
    private static final Map<Entity, String> ETAGS = Collections.synchronizedMap(new WeakHashMap<>());

    private BackstageEntity() {
    }

    /** A name-based UUID of the ref: the same on every replica and across reloads. */
    public static String uid(EntityRef ref) {
        return UUID.nameUUIDFromBytes(("steward:" + ref).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Map<String, Object> shape(Catalog catalog, Entity entity, SourceLinks links) {
        return shape(entity, catalog.relations().of(entity), links, catalog.commit());
    }

    /**
     * The entity in Backstage's shape, with its {@code relations}; location annotations point at its
     * file on {@code revision} (the followed branch, so they stay the same from commit to commit).
     */
    public static Map<String, Object> shape(Entity entity, List<Relation> relations, SourceLinks links, String revision) {
        Map<String, Object> doc = new LinkedHashMap<>(entity.document());
        Map<String, Object> metadata = new LinkedHashMap<>(Values.map(doc.get("metadata")));
        metadata.put("namespace", entity.ref().namespace());
        metadata.put("uid", uid(entity.ref()));
        metadata.put("etag", etag(entity));
        Map<String, Object> annotations = new LinkedHashMap<>(Values.map(metadata.get("annotations")));
        String file = entity.source().path();
        String location = "url:" + links.file(revision, file);
        annotations.put(MANAGED_BY_LOCATION, location);
        annotations.put(MANAGED_BY_ORIGIN_LOCATION, location);
        annotations.putIfAbsent(SOURCE_LOCATION, "url:" + links.folder(revision, file));
        metadata.put("annotations", annotations);
        doc.put("metadata", metadata);
        doc.put("relations", relations(relations));
        return doc;
    }

    private static List<Map<String, Object>> relations(List<Relation> relations) {
        return relations.stream().map(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", r.type());
            out.put("targetRef", r.targetRef().toString());
            out.put("target", Map.of("kind", r.targetRef().kind(), "namespace", r.targetRef().namespace(),
                    "name", r.targetRef().name()));
            return out;
        }).toList();
    }

    private static String etag(Entity entity) {
        return ETAGS.computeIfAbsent(entity, e -> {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(e.ref().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(e.document().toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(sha.digest(), 0, 16);
            } catch (NoSuchAlgorithmException x) {
                throw new IllegalStateException(x);
            }
        });
    }

}

package dev.steward.catalog.model;

import java.util.List;
import java.util.Map;

/**
 * One catalog entity as written in its manifest (the raw document, for answering in Backstage's
 * shape) plus what loading parsed out of it: its canonical ref and the refs in its spec fields.
 */
public final class Entity {
    private final EntityRef ref;
    private final String apiVersion;
    private final String kind;
    private final Map<String, Object> document;
    private final SourceLocation source;
    private final Map<RefField, List<EntityRef>> refs;

    public Entity(EntityRef ref, String apiVersion, String kind, Map<String, Object> document,
                  SourceLocation source, Map<RefField, List<EntityRef>> refs) {
        this.ref = ref;
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.document = document;
        this.source = source;
        this.refs = Map.copyOf(refs);
    }

    public EntityRef ref() {
        return ref;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The kind as written, e.g. {@code Component}; {@link EntityRef#kind()} is the lowercase form. */
    public String kind() {
        return kind;
    }

    public Map<String, Object> document() {
        return document;
    }

    public SourceLocation source() {
        return source;
    }

    public Map<String, Object> metadata() {
        return Values.map(document.get("metadata"));
    }

    public Map<String, Object> spec() {
        return Values.map(document.get("spec"));
    }

    /** {@code metadata.name} as written (the ref holds it lowercased). */
    public String name() {
        Object name = metadata().get("name");
        return name instanceof String s ? s : ref.name();
    }

    public String title() {
        return Values.string(metadata().get("title"));
    }

    public String description() {
        return Values.string(metadata().get("description"));
    }

    /** {@code spec.type}, or null. */
    public String type() {
        return Values.string(spec().get("type"));
    }

    public String lifecycle() {
        return Values.string(spec().get("lifecycle"));
    }

    public List<String> tags() {
        return Values.strings(metadata().get("tags"));
    }

    public List<EntityRef> refs(RefField field) {
        return refs.getOrDefault(field, List.of());
    }

    public Map<RefField, List<EntityRef>> refs() {
        return refs;
    }

    /** The owner from {@code spec.owner}, or null when the kind has none. */
    public EntityRef owner() {
        return first(RefField.OWNER);
    }

    public EntityRef system() {
        return first(RefField.SYSTEM);
    }

    public EntityRef domain() {
        return first(RefField.DOMAIN);
    }

    public EntityRef subdomainOf() {
        return first(RefField.SUBDOMAIN_OF);
    }

    private EntityRef first(RefField field) {
        List<EntityRef> list = refs.get(field);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    public boolean isKind(String lowerKind) {
        return ref.kind().equals(lowerKind);
    }

    @Override
    public String toString() {
        return ref.toString();
    }
}

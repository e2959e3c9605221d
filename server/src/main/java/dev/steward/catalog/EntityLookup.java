package dev.steward.catalog;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Finds the entity a person means. A full ref is looked up directly; a bare name (with or without
 * a namespace) is accepted when exactly one entity of any kind has it, since people type
 * {@code orders-fact}, not {@code resource:default/orders-fact}.
 */
public final class EntityLookup {
    private EntityLookup() {
    }

    /** Why a lookup failed: the text was malformed (a 400) or named nothing (a 404). */
    public static final class LookupException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean malformed;

        LookupException(String message, boolean malformed) {
            super(message);
            this.malformed = malformed;
        }

        public boolean malformed() {
            return malformed;
        }
    }

    public static Entity find(Catalog catalog, String text) {
        return find(catalog, text, null);
    }

    /** Like {@link #find(Catalog, String)}, with a default kind for refs written without one. */
    public static Entity find(Catalog catalog, String text, String defaultKind) {
        if (text == null || text.isBlank()) throw new LookupException("an entity ref is required", true);
        String trimmed = text.trim();
        boolean hasKind = trimmed.indexOf(':') >= 0;
        if (hasKind || defaultKind != null) {
            EntityRef ref;
            try {
                ref = EntityRef.parse(trimmed, defaultKind, EntityRef.DEFAULT_NAMESPACE);
            } catch (EntityRef.RefFormatException e) {
                throw new LookupException(e.getMessage(), true);
            }
            Entity entity = catalog.entity(ref);
            if (entity == null) throw new LookupException("no entity " + ref + suggest(catalog, ref.name()), false);
            return entity;
        }
        String namespace = null;
        String name = trimmed.toLowerCase(Locale.ROOT);
        int slash = name.indexOf('/');
        if (slash >= 0) {
            namespace = name.substring(0, slash);
            name = name.substring(slash + 1);
        }
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            throw new LookupException("'" + text + "' is not of the form [kind:][namespace/]name", true);
        }
        List<Entity> matches = new ArrayList<>();
        for (Entity e : catalog.entities()) {
            EntityRef r = e.ref();
            if (r.name().equals(name) && (namespace == null || r.namespace().equals(namespace))) matches.add(e);
        }
        if (matches.size() == 1) return matches.get(0);
        if (matches.isEmpty()) throw new LookupException("no entity named '" + text + "'" + suggest(catalog, name), false);
        throw new LookupException("'" + text + "' is ambiguous; say which: " + matches.stream()
                .map(e -> e.ref().toString()).collect(Collectors.joining(", ")), true);
    }

    private static String suggest(Catalog catalog, String name) {
        List<EntityRef> close = catalog.entities().stream().map(Entity::ref)
                .filter(r -> Levenshtein.distance(r.name(), name, 3) < 3)
                .sorted(Comparator.comparingInt((EntityRef r) -> Levenshtein.distance(r.name(), name, 3))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(3).toList();
        return close.isEmpty() ? "" : " (did you mean " + close.stream().map(EntityRef::toString)
                .collect(Collectors.joining(", ")) + "?)";
    }
}

package dev.steward.catalog.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A policy's filter on the entity being resolved. Within a list any value matches; across lists
 * all must. An empty list does not filter.
 */
public record Match(Set<String> kinds, Set<String> types, Set<String> tags) {

    public static final Match ALL = new Match(Set.of(), Set.of(), Set.of());

    public boolean accepts(Entity entity) {
        if (!kinds.isEmpty() && !kinds.contains(entity.ref().kind())) return false;
        if (!types.isEmpty()) {
            String type = entity.type();
            if (type == null || !types.contains(type.toLowerCase(Locale.ROOT))) return false;
        }
        if (!tags.isEmpty()) {
            List<String> entityTags = entity.tags();
            return entityTags.stream().anyMatch(tags::contains);
        }
        return true;
    }
}

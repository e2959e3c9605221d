package dev.steward.chatops;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.Levenshtein;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Responsibility;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** "Did you mean" candidates for a name a person typed: the closest by edit distance, or containing it. */
final class NearestNames {
    private NearestNames() {
    }

    /** Up to five entities whose name is close to {@code name} (a namespace in it is ignored). */
    static List<EntityRef> entities(Catalog catalog, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        String bare = wanted.contains("/") ? wanted.substring(wanted.indexOf('/') + 1) : wanted;
        int limit = Math.max(3, bare.length() / 3 + 1);
        return catalog.entities().stream().map(Entity::ref)
                .map(r -> Map.entry(r, Levenshtein.distance(r.name(), bare, limit)))
                .filter(en -> en.getValue() < limit || en.getKey().name().contains(bare))
                .sorted(Map.Entry.<EntityRef, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(Map.Entry::getKey).toList();
    }

    /** Up to three responsibilities whose name is close to {@code name}. */
    static List<String> responsibilities(Catalog catalog, String name) {
        return catalog.responsibilities().stream().map(Responsibility::name)
                .map(n -> Map.entry(n, Levenshtein.distance(n, name, 4)))
                .filter(e -> e.getValue() < 4 || e.getKey().contains(name))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(Map.Entry::getKey).toList();
    }
}

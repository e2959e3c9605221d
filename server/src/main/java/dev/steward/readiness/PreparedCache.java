package dev.steward.readiness;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link Prepared} readiness of one catalog's entities, filled as they are asked for. The cache of
 * the next catalog starts from this one's, less what the change between them can reach: with the
 * same rules, an entity keeps its prepared readiness unless it, or anything along its lineage,
 * changed (a changed System or Domain, or changed rules, start from empty). So a reload that edits
 * one table re-evaluates that table's lineage, not the catalog.
 */
final class PreparedCache {
    private final Catalog catalog;
    private final Facts facts;
    private final ConcurrentHashMap<EntityRef, Optional<Prepared>> entries;

    private PreparedCache(Catalog catalog, Facts facts, ConcurrentHashMap<EntityRef, Optional<Prepared>> entries) {
        this.catalog = catalog;
        this.facts = facts;
        this.entries = entries;
    }

    static PreparedCache empty(Catalog catalog) {
        return empty(catalog, Facts.NONE);
    }

    static PreparedCache empty(Catalog catalog, Facts facts) {
        return new PreparedCache(catalog, facts, new ConcurrentHashMap<>());
    }

    Facts facts() {
        return facts;
    }

    Catalog catalog() {
        return catalog;
    }

    int size() {
        return entries.size();
    }

    Prepared get(Entity entity, Function<Entity, Prepared> prepare) {
        return entries.computeIfAbsent(entity.ref(), ref -> Optional.ofNullable(prepare.apply(entity))).orElse(null);
    }

    /** The cache for {@code next}: this one's entries that the change from this catalog cannot reach. */
    PreparedCache next(Catalog next) {
        if (next == catalog) return this;
        if (!next.sameRules(catalog) || entries.isEmpty()) return empty(next, facts);
        Set<EntityRef> changed = changed(catalog.entities(), next.entities());
        if (changed == null) return empty(next, facts);
        Set<EntityRef> reached = new HashSet<>(changed);
        for (EntityRef ref : changed) {
            for (Catalog c : List.of(catalog, next)) {
                reached.addAll(c.lineage().consumers(ref));
                reached.addAll(c.lineage().producers(ref));
            }
        }
        ConcurrentHashMap<EntityRef, Optional<Prepared>> kept = new ConcurrentHashMap<>(entries);
        kept.keySet().removeAll(reached);
        return new PreparedCache(next, facts, kept);
    }

    /**
     * The refs whose entity is not the same object in both sorted lists (a reload keeps unchanged
     * entities as they were); null when a System or Domain changed, since scopes reach everything
     * under them.
     */
    private static Set<EntityRef> changed(List<Entity> before, List<Entity> after) {
        Set<EntityRef> out = new HashSet<>();
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            Entity a = i < before.size() ? before.get(i) : null;
            Entity b = j < after.size() ? after.get(j) : null;
            int c = a == null ? 1 : b == null ? -1 : a.ref().compareTo(b.ref());
            Entity moved = c < 0 ? a : c > 0 ? b : a != b ? a : null;
            if (c <= 0) i++;
            if (c >= 0) j++;
            if (moved == null) continue;
            if (moved.isKind("system") || moved.isKind("domain")) return null;
            out.add(moved.ref());
        }
        return out;
    }
}

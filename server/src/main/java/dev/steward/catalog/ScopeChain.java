package dev.steward.catalog;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes whose policies apply to an entity, most specific first: the entity itself; its system;
 * that system's domain and the domain's parents ({@code spec.subdomainOf}). A System starts at
 * itself, a Domain at itself. Global follows the last level and is not listed.
 */
public final class ScopeChain {
    private ScopeChain() {
    }

    public static List<EntityRef> of(Entity entity, Map<EntityRef, Entity> entities) {
        List<EntityRef> levels = new ArrayList<>(4);
        Set<EntityRef> seen = new HashSet<>();
        levels.add(entity.ref());
        seen.add(entity.ref());
        EntityRef domain;
        if (entity.isKind("system")) {
            domain = entity.domain();
        } else if (entity.isKind("domain")) {
            domain = entity.subdomainOf();
        } else {
            EntityRef systemRef = entity.system();
            Entity system = systemRef == null ? null : entities.get(systemRef);
            if (system == null || !system.isKind("system")) return levels;
            levels.add(system.ref());
            seen.add(system.ref());
            domain = system.domain();
        }
        while (domain != null) {
            Entity d = entities.get(domain);
            if (d == null || !d.isKind("domain") || !seen.add(domain)) break; // a cycle is reported by validation
            levels.add(domain);
            domain = d.subdomainOf();
        }
        return levels;
    }
}

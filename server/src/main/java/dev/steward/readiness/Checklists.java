package dev.steward.readiness;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.ReadinessChecklist;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which checklists apply to an entity: those whose {@code appliesTo} accepts it and whose scope is
 * on its scope chain (or global), less each checklist that an applicable one {@code replaces}.
 */
public final class Checklists {
    private Checklists() {
    }

    public static List<ReadinessChecklist> applicable(Catalog catalog, Entity entity) {
        if (catalog.checklists().isEmpty()) return List.of();
        List<ReadinessChecklist> candidates = new ArrayList<>();
        List<EntityRef> chain = null;
        for (ReadinessChecklist c : catalog.checklists()) {
            if (!c.appliesTo(entity)) continue;
            if (c.scope() != null) {
                if (chain == null) chain = catalog.scopeChain(entity);
                if (!chain.contains(c.scope())) continue;
            }
            candidates.add(c);
        }
        if (candidates.size() < 2) return candidates;
        Set<String> replaced = new HashSet<>();
        for (ReadinessChecklist c : candidates) {
            if (c.replaces() != null) replaced.add(c.replaces());
        }
        if (replaced.isEmpty()) return candidates;
        return candidates.stream().filter(c -> !replaced.contains(c.name())).toList();
    }
}

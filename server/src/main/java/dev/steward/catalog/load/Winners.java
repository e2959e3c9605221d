package dev.steward.catalog.load;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.ShardedMap;
import dev.steward.catalog.model.Definition;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The winning definition of each ref, and the duplicates it shadows, updated with a change. */
final class Winners {
    final ShardedMap.Editor<EntityRef, Entity> entities;
    final Map<EntityRef, List<Definition>> shadowed;
    final Map<EntityRef, Definition> steward;
    final Set<EntityRef> touched = new LinkedHashSet<>();

    Winners(Catalog base) {
        entities = base.entityMap() instanceof ShardedMap<EntityRef, Entity> sharded
                ? sharded.edit() : ShardedMap.<EntityRef, Entity>empty().edit();
        shadowed = new HashMap<>(base.shadowed());
        steward = new HashMap<>(base.stewardDefinitions());
    }

    void apply(List<Definition> removed, List<Definition> added) {
        for (Definition d : removed) {
            touched.add(d.ref());
            if (entities.get(d.ref()) == d.entity()) {
                entities.remove(d.ref());
                steward.remove(d.ref());
            } else {
                List<Definition> rest = new ArrayList<>(shadowed.getOrDefault(d.ref(), List.of()));
                rest.removeIf(s -> s.entity() == d.entity());
                if (rest.isEmpty()) shadowed.remove(d.ref());
                else shadowed.put(d.ref(), List.copyOf(rest));
            }
        }
        Map<EntityRef, List<Definition>> candidates = new HashMap<>();
        for (Definition d : added) {
            touched.add(d.ref());
            candidates.computeIfAbsent(d.ref(), k -> new ArrayList<>()).add(d);
        }
        for (EntityRef ref : touched) {
            List<Definition> all = new ArrayList<>();
            Entity current = entities.get(ref);
            if (current != null) all.add(steward.getOrDefault(ref, new Definition(current, null, null, null)));
            all.addAll(shadowed.getOrDefault(ref, List.of()));
            all.addAll(candidates.getOrDefault(ref, List.of()));
            if (all.isEmpty()) continue;
            all.sort(Definition.ORDER);
            Definition winner = all.get(0);
            entities.put(ref, winner.entity());
            if (winner.responsibility() != null || winner.policy() != null || winner.checklist() != null
                    || EntityReader.isStewardKind(winner.entity().ref().kind())) {
                steward.put(ref, winner);
            } else {
                steward.remove(ref);
            }
            if (all.size() == 1) shadowed.remove(ref);
            else shadowed.put(ref, List.copyOf(all.subList(1, all.size())));
        }
    }
}

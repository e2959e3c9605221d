package dev.steward.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every entity's relations in both directions, with Backstage's relation names, built from the ref
 * fields of each entity. Refs to entities that do not exist yield no relation.
 */
public final class Relations {
    private final Map<EntityRef, List<Relation>> byEntity;

    private Relations(Map<EntityRef, List<Relation>> byEntity) {
        this.byEntity = byEntity;
    }

    static Relations build(Map<EntityRef, Entity> entities) {
        Map<EntityRef, Set<Relation>> out = new HashMap<>();
        for (Entity entity : entities.values()) {
            for (Map.Entry<RefField, List<EntityRef>> e : entity.refs().entrySet()) {
                RefField field = e.getKey();
                for (EntityRef target : e.getValue()) {
                    if (!entities.containsKey(target)) continue;
                    out.computeIfAbsent(entity.ref(), k -> new LinkedHashSet<>())
                            .add(new Relation(field.relation(), target));
                    out.computeIfAbsent(target, k -> new LinkedHashSet<>())
                            .add(new Relation(field.reverseRelation(), entity.ref()));
                }
            }
        }
        Map<EntityRef, List<Relation>> frozen = new HashMap<>(out.size() * 2);
        out.forEach((ref, set) -> {
            List<Relation> list = new ArrayList<>(set);
            list.sort((a, b) -> a.type().equals(b.type())
                    ? a.targetRef().compareTo(b.targetRef()) : a.type().compareTo(b.type()));
            frozen.put(ref, List.copyOf(list));
        });
        return new Relations(Map.copyOf(frozen));
    }

    public List<Relation> of(EntityRef ref) {
        return byEntity.getOrDefault(ref, List.of());
    }

    public List<EntityRef> targets(EntityRef ref, String type) {
        List<EntityRef> out = new ArrayList<>();
        for (Relation r : of(ref)) {
            if (r.type().equals(type)) out.add(r.targetRef());
        }
        return out;
    }
}

package dev.steward.catalog;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.RefField;
import dev.steward.catalog.model.Relation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every entity's relations in both directions, with Backstage's relation names. An entity's own
 * refs give its outgoing relations; this index holds the incoming ones, the reverse of other
 * entities' refs, and is updated entity by entity on reload.
 */
public final class Relations {
    static final Comparator<Relation> ORDER = Comparator.comparing(Relation::type).thenComparing(Relation::targetRef);

    private final ListIndex<EntityRef, Relation> incoming;

    private Relations(ListIndex<EntityRef, Relation> incoming) {
        this.incoming = incoming;
    }

    static Relations empty() {
        return new Relations(ListIndex.empty(ORDER));
    }

    /** The relations after some entities were removed and others added (a changed one is both). */
    public Relations update(List<Entity> removed, List<Entity> added) {
        ListIndex<EntityRef, Relation>.Changes changes = incoming.changes();
        for (Entity e : removed) reverse(e).forEach((target, r) -> r.forEach(rel -> changes.remove(target, rel)));
        for (Entity e : added) reverse(e).forEach((target, r) -> r.forEach(rel -> changes.add(target, rel)));
        return new Relations(changes.apply());
    }

    private static Map<EntityRef, List<Relation>> reverse(Entity e) {
        Map<EntityRef, List<Relation>> out = new HashMap<>();
        for (Map.Entry<RefField, List<EntityRef>> field : e.refs().entrySet()) {
            for (EntityRef target : new LinkedHashSet<>(field.getValue())) {
                if (target.equals(e.ref())) continue;
                out.computeIfAbsent(target, k -> new ArrayList<>())
                        .add(new Relation(field.getKey().reverseRelation(), e.ref()));
            }
        }
        return out;
    }

    /** Outgoing and incoming relations of the entity, each once, in Backstage's canonical order. */
    public List<Relation> of(Entity entity) {
        Set<Relation> all = new LinkedHashSet<>();
        for (Map.Entry<RefField, List<EntityRef>> field : entity.refs().entrySet()) {
            for (EntityRef target : field.getValue()) {
                if (!target.equals(entity.ref())) all.add(new Relation(field.getKey().relation(), target));
            }
        }
        all.addAll(incoming.get(entity.ref()));
        List<Relation> out = new ArrayList<>(all);
        out.sort(ORDER);
        return out;
    }

    /** Who refers to {@code ref} (whether or not it exists): the sources of its incoming relations. */
    public List<EntityRef> referrers(EntityRef ref) {
        return incoming.get(ref).stream().map(Relation::targetRef).distinct().toList();
    }
}

package dev.steward.catalog;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.RefField;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Data lineage from Backstage's own fields: X consumes Y when X {@code dependsOn} Y (or Y is a
 * {@code dependencyOf} X) or X {@code consumesApis} Y. Consumers and producers are transitive.
 * Updated entity by entity on reload; the adjacency lists are sorted, so walks are in a canonical
 * order.
 */
public final class Lineage {
    private final ListIndex<EntityRef, EntityRef> downstream;
    private final ListIndex<EntityRef, EntityRef> upstream;

    private Lineage(ListIndex<EntityRef, EntityRef> downstream, ListIndex<EntityRef, EntityRef> upstream) {
        this.downstream = downstream;
        this.upstream = upstream;
    }

    static Lineage empty() {
        return new Lineage(ListIndex.empty(Comparator.naturalOrder()), ListIndex.empty(Comparator.naturalOrder()));
    }

    public Lineage update(List<Entity> removed, List<Entity> added) {
        var down = downstream.changes();
        var up = upstream.changes();
        for (Entity e : removed) {
            for (EntityRef[] edge : edges(e)) {
                down.remove(edge[0], edge[1]);
                up.remove(edge[1], edge[0]);
            }
        }
        for (Entity e : added) {
            for (EntityRef[] edge : edges(e)) {
                down.add(edge[0], edge[1]);
                up.add(edge[1], edge[0]);
            }
        }
        return new Lineage(down.apply(), up.apply());
    }

    /** The producer → consumer edges an entity declares. */
    private static List<EntityRef[]> edges(Entity e) {
        List<EntityRef[]> out = new ArrayList<>();
        for (RefField field : List.of(RefField.DEPENDS_ON, RefField.CONSUMES_APIS)) {
            for (EntityRef producer : new LinkedHashSet<>(e.refs(field))) {
                if (!producer.equals(e.ref())) out.add(new EntityRef[] {producer, e.ref()});
            }
        }
        for (EntityRef consumer : new LinkedHashSet<>(e.refs(RefField.DEPENDENCY_OF))) {
            if (!consumer.equals(e.ref())) out.add(new EntityRef[] {e.ref(), consumer});
        }
        return out;
    }

    public List<EntityRef> directConsumers(EntityRef ref) {
        return downstream.get(ref).stream().distinct().toList();
    }

    public List<EntityRef> directProducers(EntityRef ref) {
        return upstream.get(ref).stream().distinct().toList();
    }

    /** Everything downstream of {@code ref}, nearest first; cycles are walked once. */
    public List<EntityRef> consumers(EntityRef ref) {
        return walk(ref, downstream);
    }

    /** Everything upstream of {@code ref}, nearest first. */
    public List<EntityRef> producers(EntityRef ref) {
        return walk(ref, upstream);
    }

    private static List<EntityRef> walk(EntityRef start, ListIndex<EntityRef, EntityRef> graph) {
        List<EntityRef> first = graph.get(start);
        if (first.isEmpty()) return List.of();
        Set<EntityRef> seen = new LinkedHashSet<>();
        ArrayDeque<EntityRef> queue = new ArrayDeque<>(first);
        while (!queue.isEmpty()) {
            EntityRef next = queue.poll();
            if (next.equals(start) || !seen.add(next)) continue;
            queue.addAll(graph.get(next));
        }
        return new ArrayList<>(seen);
    }
}

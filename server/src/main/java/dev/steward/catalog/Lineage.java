package dev.steward.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Data lineage from Backstage's own fields: X consumes Y when X {@code dependsOn} Y (or Y is a
 * {@code dependencyOf} X) or X {@code consumesApis} Y. Consumers and producers are transitive.
 */
public final class Lineage {
    private final Map<EntityRef, List<EntityRef>> downstream;
    private final Map<EntityRef, List<EntityRef>> upstream;

    private Lineage(Map<EntityRef, List<EntityRef>> downstream, Map<EntityRef, List<EntityRef>> upstream) {
        this.downstream = downstream;
        this.upstream = upstream;
    }

    static Lineage build(Map<EntityRef, Entity> entities) {
        Map<EntityRef, Set<EntityRef>> down = new HashMap<>();
        Map<EntityRef, Set<EntityRef>> up = new HashMap<>();
        for (Entity consumer : entities.values()) {
            for (RefField field : List.of(RefField.DEPENDS_ON, RefField.CONSUMES_APIS)) {
                for (EntityRef producer : consumer.refs(field)) {
                    link(entities, producer, consumer.ref(), down, up);
                }
            }
            for (EntityRef dependent : consumer.refs(RefField.DEPENDENCY_OF)) {
                link(entities, consumer.ref(), dependent, down, up);
            }
        }
        return new Lineage(freeze(down), freeze(up));
    }

    private static void link(Map<EntityRef, Entity> entities, EntityRef producer, EntityRef consumer,
                             Map<EntityRef, Set<EntityRef>> down, Map<EntityRef, Set<EntityRef>> up) {
        if (!entities.containsKey(producer) || !entities.containsKey(consumer) || producer.equals(consumer)) return;
        down.computeIfAbsent(producer, k -> new LinkedHashSet<>()).add(consumer);
        up.computeIfAbsent(consumer, k -> new LinkedHashSet<>()).add(producer);
    }

    private static Map<EntityRef, List<EntityRef>> freeze(Map<EntityRef, Set<EntityRef>> graph) {
        Map<EntityRef, List<EntityRef>> out = new HashMap<>(graph.size() * 2);
        graph.forEach((k, v) -> out.put(k, v.stream().sorted().toList()));
        return Map.copyOf(out);
    }

    public List<EntityRef> directConsumers(EntityRef ref) {
        return downstream.getOrDefault(ref, List.of());
    }

    public List<EntityRef> directProducers(EntityRef ref) {
        return upstream.getOrDefault(ref, List.of());
    }

    /** Everything downstream of {@code ref}, nearest first; cycles are walked once. */
    public List<EntityRef> consumers(EntityRef ref) {
        return walk(ref, downstream);
    }

    /** Everything upstream of {@code ref}, nearest first. */
    public List<EntityRef> producers(EntityRef ref) {
        return walk(ref, upstream);
    }

    private static List<EntityRef> walk(EntityRef start, Map<EntityRef, List<EntityRef>> graph) {
        List<EntityRef> first = graph.get(start);
        if (first == null) return List.of();
        Set<EntityRef> seen = new LinkedHashSet<>();
        ArrayDeque<EntityRef> queue = new ArrayDeque<>(first);
        while (!queue.isEmpty()) {
            EntityRef next = queue.poll();
            if (next.equals(start) || !seen.add(next)) continue;
            queue.addAll(graph.getOrDefault(next, List.of()));
        }
        return new ArrayList<>(seen);
    }
}

package dev.steward.http;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.Relation;
import dev.steward.git.EntityHistory;
import dev.steward.ops.Health;
import dev.steward.plugins.PluginHost;
import dev.steward.resolve.Resolution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON shapes of the API, built from catalog values. */
final class Views {
    private Views() {
    }

    record ProblemView(String path, int line, String message) {
        static List<ProblemView> of(List<Problem> problems) {
            return problems.stream().map(p -> new ProblemView(p.path(), p.line(), p.message())).toList();
        }
    }

    record StatusView(String commit, Instant loadedAt, int entities, List<ProblemView> errors,
                      List<ProblemView> warnings, String rejectedCommit, SyncStatus sync, PluginsView plugins,
                      String replica, Health.Report health) {
    }

    /** The loaded plugins with their failures so far, and those that could not be loaded. */
    record PluginsView(List<PluginView> loaded, List<String> problems) {
        static PluginsView of(PluginHost host) {
            return new PluginsView(host.plugins().stream().map(p -> new PluginView(p.name(), p.origin(),
                    p.extensionPoints(), p.failures().get(), p.lastFailure().get())).toList(), host.loadProblems());
        }
    }

    record PluginView(String name, String origin, List<String> extensionPoints, long failures, String lastFailure) {
    }

    record EntitySummary(EntityRef ref, String kind, String namespace, String name, String title, String type,
                         String lifecycle, EntityRef owner, EntityRef system, List<String> tags, String description) {
        static EntitySummary of(Entity e) {
            return new EntitySummary(e.ref(), e.kind(), e.ref().namespace(), e.name(), e.title(), e.type(),
                    e.lifecycle(), e.owner(), e.system(), e.tags(), e.description());
        }
    }

    record Page<T>(List<T> items, int total, int offset, int limit, Map<String, Map<String, Integer>> facets) {
    }

    /** Counts per value of each facet over the entities that match a filter, for the catalog browser. */
    static final class Facets {
        private final Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();

        void count(Entity e) {
            add("kind", e.ref().kind());
            add("type", e.type());
            add("owner", e.owner() == null ? null : e.owner().toString());
            add("system", e.system() == null ? null : e.system().toString());
            e.tags().forEach(t -> add("tag", t));
        }

        private void add(String facet, String value) {
            if (value == null) return;
            counts.computeIfAbsent(facet, k -> new HashMap<>()).merge(value, 1, Integer::sum);
        }

        /** The {@code n} largest values of each facet, largest first. */
        Map<String, Map<String, Integer>> top(int n) {
            Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
            for (String facet : List.of("kind", "type", "owner", "system", "tag")) {
                Map<String, Integer> values = new LinkedHashMap<>();
                counts.getOrDefault(facet, Map.of()).entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .limit(n).forEach(en -> values.put(en.getKey(), en.getValue()));
                out.put(facet, values);
            }
            return out;
        }
    }

    /** Lineage around an entity, a few hops up and down, as nodes and producer → consumer edges. */
    record LineageGraph(List<Node> nodes, List<List<EntityRef>> edges) {
        record Node(EntityRef ref, int depth, String type, EntityRef owner) {
        }

        static LineageGraph around(Catalog catalog, EntityRef center, int hops) {
            Map<EntityRef, Integer> depth = new LinkedHashMap<>();
            Set<List<EntityRef>> edges = new LinkedHashSet<>();
            depth.put(center, 0);
            walk(catalog, center, hops, 1, depth, edges, true);
            walk(catalog, center, hops, -1, depth, edges, false);
            List<Node> nodes = new ArrayList<>();
            depth.forEach((ref, d) -> {
                Entity e = catalog.entity(ref);
                if (e != null) nodes.add(new Node(ref, d, e.type(), e.owner()));
            });
            return new LineageGraph(nodes, List.copyOf(edges));
        }

        private static void walk(Catalog catalog, EntityRef from, int hops, int step, Map<EntityRef, Integer> depth,
                                 Set<List<EntityRef>> edges, boolean down) {
            List<EntityRef> frontier = List.of(from);
            for (int d = 1; d <= hops; d++) {
                List<EntityRef> next = new ArrayList<>();
                for (EntityRef ref : frontier) {
                    List<EntityRef> around = down ? catalog.lineage().directConsumers(ref) : catalog.lineage().directProducers(ref);
                    for (EntityRef other : around) {
                        if (catalog.entity(other) == null) continue;
                        edges.add(down ? List.of(ref, other) : List.of(other, ref));
                        if (!depth.containsKey(other)) {
                            depth.put(other, d * step);
                            next.add(other);
                        }
                    }
                }
                frontier = next;
            }
        }
    }

    record EntityPage(EntityRef ref, Map<String, Object> entity, String source, List<Relation> relations,
                      List<EntityRef> scopeChain, List<EntityRef> consumers, List<EntityRef> producers,
                      LineageGraph lineage, List<Resolution> responsibilities, String commit) {
    }

    record History(EntityRef entity, String commit, List<EntityHistory.Change> changes) {
    }

    record LoadView(String commit, String ref, Instant startedAt, long millis, String outcome, int entities,
                    int errors, String firstError) {
        static LoadView of(LoadAttempt a) {
            return new LoadView(a.commit(), a.ref(), a.startedAt(), a.millis(), a.outcome().label(), a.entities(),
                    a.errors(), a.firstError());
        }
    }
}

package dev.steward.http;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.Entity;
import dev.steward.catalog.EntityRef;
import dev.steward.catalog.Problem;
import dev.steward.catalog.Relation;
import dev.steward.catalog.SyncStatus;
import dev.steward.git.LoadAttempt;
import dev.steward.resolve.Resolution;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                      List<ProblemView> warnings, String rejectedCommit, SyncStatus sync) {
    }

    record EntitySummary(EntityRef ref, String kind, String namespace, String name, String title, String type,
                         String lifecycle, EntityRef owner, EntityRef system, List<String> tags, String description) {
        static EntitySummary of(Entity e) {
            return new EntitySummary(e.ref(), e.kind(), e.ref().namespace(), e.name(), e.title(), e.type(),
                    e.lifecycle(), e.owner(), e.system(), e.tags(), e.description());
        }
    }

    record Page<T>(List<T> items, int total, int offset, int limit) {
    }

    record EntityPage(EntityRef ref, Map<String, Object> entity, String source, List<Relation> relations,
                      List<EntityRef> scopeChain, List<EntityRef> consumers, List<EntityRef> producers,
                      List<Resolution> responsibilities, String commit) {
    }

    record History(EntityRef entity, String commit, List<dev.steward.git.EntityHistory.Change> changes) {
    }

    record LoadView(String commit, String ref, Instant startedAt, long millis, String outcome, int entities,
                    int errors, String firstError) {
        static LoadView of(LoadAttempt a) {
            return new LoadView(a.commit(), a.ref(), a.startedAt(), a.millis(), a.outcome(), a.entities(),
                    a.errors(), a.firstError());
        }
    }

    /** The entity as Backstage would answer it: the document with its relations added. */
    static Map<String, Object> backstageShape(Catalog catalog, Entity e) {
        Map<String, Object> doc = new LinkedHashMap<>(e.document());
        doc.put("relations", catalog.relations().of(e).stream()
                .map(r -> Map.of("type", r.type(), "targetRef", r.targetRef().toString())).toList());
        return doc;
    }
}

package dev.steward.backstage;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Relation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The served catalog in Backstage's shape, built once per snapshot and swapped with it. Built from the
 * previous one: an entity whose object and relations did not change keeps its shaped document and its
 * search rows, so a commit that changes one file reshapes a handful of entities, not all of them.
 * Search rows are made on first use.
 */
final class BackstageSnapshot {
    final Catalog catalog;
    final String revision;
    final List<Map<String, Object>> entities;
    final Map<String, Integer> byUid;
    final Map<EntityRef, Integer> byRef;
    private final List<Relation>[] relations;
    private final IdentityHashMap<Entity, Integer> positions;
    private final AtomicReferenceArray<SearchRows> rows;

    @SuppressWarnings("unchecked")
    private BackstageSnapshot(Catalog catalog, String revision, int size) {
        this.catalog = catalog;
        this.revision = revision;
        this.entities = new ArrayList<>(size);
        this.byUid = new HashMap<>();
        this.byRef = new HashMap<>();
        this.relations = new List[size];
        this.positions = new IdentityHashMap<>(size);
        this.rows = new AtomicReferenceArray<>(size);
    }

    static BackstageSnapshot build(Catalog catalog, SourceLinks links, String revision, BackstageSnapshot previous) {
        List<Entity> all = catalog.entities();
        BackstageSnapshot next = new BackstageSnapshot(catalog, revision, all.size());
        boolean reusable = previous != null && Objects.equals(previous.revision, revision);
        for (Entity e : all) {
            int i = next.entities.size();
            List<Relation> rel = catalog.relations().of(e);
            Integer before = reusable ? previous.positions.get(e) : null;
            if (before != null && previous.relations[before].equals(rel)) {
                next.entities.add(previous.entities.get(before));
                next.rows.set(i, previous.rows.get(before));
            } else {
                next.entities.add(BackstageEntity.shape(e, rel, links, revision));
            }
            next.relations[i] = rel;
            next.positions.put(e, i);
            next.byUid.put(BackstageEntity.uid(e.ref()), i);
            next.byRef.put(e.ref(), i);
        }
        return next;
    }

    /** The catalog entity shaped at {@code i}. */
    Entity source(int i) {
        return catalog.entities().get(i);
    }

    /** The search rows of the entity at {@code i}, made once. */
    SearchRows rows(int i) {
        SearchRows r = rows.get(i);
        if (r == null) {
            r = SearchRows.of(entities.get(i));
            rows.set(i, r);
        }
        return r;
    }
}

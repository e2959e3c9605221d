package dev.steward.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable snapshot of the catalog at one commit: entities and their relations, group
 * membership, lineage, responsibilities and policies, runbooks, and the problems found loading it.
 * Reloading builds a new one; readers never see one change.
 */
public final class Catalog {
    private final String commit;
    private final Instant loadedAt;
    private final Map<EntityRef, Entity> entities;
    private final List<Entity> sorted;
    private final Relations relations;
    private final GroupMembership groups;
    private final Lineage lineage;
    private final Map<String, Responsibility> responsibilities;
    private final List<Responsibility> sortedResponsibilities;
    private final PolicyIndex policies;
    private final Runbooks runbooks;
    private final List<Problem> problems;

    Catalog(String commit, Instant loadedAt, Map<EntityRef, Entity> entities, Relations relations,
            GroupMembership groups, Lineage lineage, Map<String, Responsibility> responsibilities,
            PolicyIndex policies, Runbooks runbooks, List<Problem> problems) {
        this.commit = commit;
        this.loadedAt = loadedAt;
        this.entities = Map.copyOf(entities);
        this.sorted = entities.values().stream().sorted(Comparator.comparing(Entity::ref)).toList();
        this.relations = relations;
        this.groups = groups;
        this.lineage = lineage;
        this.responsibilities = Map.copyOf(responsibilities);
        this.sortedResponsibilities = responsibilities.values().stream()
                .sorted(Comparator.comparing(Responsibility::name)).toList();
        this.policies = policies;
        this.runbooks = runbooks;
        this.problems = problems.stream().sorted(Problem.BY_LOCATION).toList();
    }

    /** The same snapshot with the problems that whole-catalog checks found. */
    Catalog withProblems(List<Problem> found) {
        return new Catalog(this, found);
    }

    private Catalog(Catalog base, List<Problem> found) {
        this.commit = base.commit;
        this.loadedAt = base.loadedAt;
        this.entities = base.entities;
        this.sorted = base.sorted;
        this.relations = base.relations;
        this.groups = base.groups;
        this.lineage = base.lineage;
        this.responsibilities = base.responsibilities;
        this.sortedResponsibilities = base.sortedResponsibilities;
        this.policies = base.policies;
        this.runbooks = base.runbooks;
        this.problems = found.stream().sorted(Problem.BY_LOCATION).toList();
    }

    /** The empty catalog served before any commit has loaded. */
    public static Catalog empty(String commit, List<Problem> problems) {
        Map<String, Responsibility> builtIns = new java.util.HashMap<>();
        Responsibility.BUILT_IN.forEach(n -> builtIns.put(n, Responsibility.builtIn(n)));
        return new Catalog(commit, Instant.now(), Map.of(), Relations.build(Map.of()),
                GroupMembership.build(Map.of()), Lineage.build(Map.of()), builtIns,
                PolicyIndex.build(List.of()), new Runbooks("runbooks", Map.of()), problems);
    }

    public String commit() {
        return commit;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public Entity entity(EntityRef ref) {
        return entities.get(ref);
    }

    /** Every entity in canonical ref order. */
    public List<Entity> entities() {
        return sorted;
    }

    public int size() {
        return entities.size();
    }

    public Map<EntityRef, Entity> entityMap() {
        return entities;
    }

    public Relations relations() {
        return relations;
    }

    public GroupMembership groups() {
        return groups;
    }

    public Lineage lineage() {
        return lineage;
    }

    public Responsibility responsibility(String name) {
        return name == null ? null : responsibilities.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every responsibility, built-ins included, by name. */
    public List<Responsibility> responsibilities() {
        return sortedResponsibilities;
    }

    /** The responsibilities whose {@code appliesTo} accepts the entity, by name. */
    public List<Responsibility> applicableTo(Entity entity) {
        List<Responsibility> out = new ArrayList<>();
        for (Responsibility r : responsibilities()) {
            if (r.appliesTo(entity)) out.add(r);
        }
        return out;
    }

    public PolicyIndex policies() {
        return policies;
    }

    public Runbooks runbooks() {
        return runbooks;
    }

    public List<EntityRef> scopeChain(Entity entity) {
        return ScopeChain.of(entity, entities);
    }

    /** Entities whose scope chain contains {@code scope}; every entity for global (null). */
    public List<Entity> inScope(EntityRef scope) {
        if (scope == null) return sorted;
        List<Entity> out = new ArrayList<>();
        for (Entity e : sorted) {
            if (scopeChain(e).contains(scope)) out.add(e);
        }
        return out;
    }

    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** True when loading found no errors; only a valid catalog is ever served. */
    public boolean isValid() {
        return problems.stream().noneMatch(Problem::isError);
    }
}

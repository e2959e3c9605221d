package dev.steward.catalog;

import dev.steward.catalog.model.Definition;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.Responsibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable snapshot of the catalog at one commit: entities and their relations, group
 * membership, lineage, responsibilities and policies, runbooks, and the problems found loading it.
 * Reloading builds a new one (sharing what did not change); readers never see one change.
 */
public final class Catalog {
    private final String commit;
    private final Instant loadedAt;
    private final String catalogRoot;
    private final Map<String, FileLoad> files;
    private final Map<EntityRef, Entity> entities;
    private final Map<EntityRef, List<Definition>> shadowed;
    private final Map<EntityRef, Definition> stewardDefinitions;
    private final List<Entity> sorted;
    private final Relations relations;
    private final GroupMembership groups;
    private final Lineage lineage;
    private final Map<String, Responsibility> responsibilities;
    private final List<Responsibility> sortedResponsibilities;
    private final PolicyIndex policies;
    private final Map<String, ReadinessChecklist> checklists;
    private final List<ReadinessChecklist> sortedChecklists;
    private final Runbooks runbooks;
    private final Map<EntityRef, List<Problem>> refProblems;
    private final List<Problem> problems;

    /**
     * Everything a snapshot is made of, named: what {@link dev.steward.catalog.load.CatalogBuilder} assembles,
     * so no constructor takes sixteen positional arguments of which several share a type.
     */
    public record Parts(String commit, Instant loadedAt, String catalogRoot, Map<String, FileLoad> files,
                        Map<EntityRef, Entity> entities, Map<EntityRef, List<Definition>> shadowed,
                        Map<EntityRef, Definition> stewardDefinitions, List<Entity> sorted, Relations relations,
                        GroupMembership groups, Lineage lineage, Map<String, Responsibility> responsibilities,
                        PolicyIndex policies, Map<String, ReadinessChecklist> checklists, Runbooks runbooks,
                        Map<EntityRef, List<Problem>> refProblems, List<Problem> problems) {

        Parts withProblems(Map<EntityRef, List<Problem>> refs, List<Problem> all) {
            return new Parts(commit, loadedAt, catalogRoot, files, entities, shadowed, stewardDefinitions, sorted,
                    relations, groups, lineage, responsibilities, policies, checklists, runbooks, refs, all);
        }

        Parts withRules(Parts rules) {
            return new Parts(commit, loadedAt, catalogRoot, files, entities, shadowed, stewardDefinitions, sorted,
                    relations, rules.groups, lineage, rules.responsibilities, rules.policies, rules.checklists,
                    rules.runbooks, refProblems, problems);
        }
    }

    private final Parts parts;

    public Catalog(Parts parts) {
        this.parts = parts;
        this.commit = parts.commit();
        this.loadedAt = parts.loadedAt();
        this.catalogRoot = parts.catalogRoot();
        this.files = parts.files();
        this.entities = parts.entities();
        this.shadowed = parts.shadowed();
        this.stewardDefinitions = parts.stewardDefinitions();
        this.sorted = parts.sorted();
        this.relations = parts.relations();
        this.groups = parts.groups();
        this.lineage = parts.lineage();
        this.responsibilities = parts.responsibilities();
        this.sortedResponsibilities = responsibilities.values().stream()
                .sorted(Comparator.comparing(Responsibility::name)).toList();
        this.policies = parts.policies();
        this.checklists = parts.checklists();
        this.sortedChecklists = checklists.values().stream()
                .sorted(Comparator.comparing(ReadinessChecklist::name)).toList();
        this.runbooks = parts.runbooks();
        this.refProblems = parts.refProblems();
        this.problems = parts.problems();
    }

    /** The same snapshot with the problems the whole-catalog checks found. */
    public Catalog withProblems(Map<EntityRef, List<Problem>> refProblems, List<Problem> found) {
        return new Catalog(parts.withProblems(refProblems, found.stream().sorted(Problem.BY_LOCATION).toList()));
    }

    /**
     * This catalog's entities governed by {@code rules}' responsibilities, policies, checklists and group
     * membership: how a plan resolves an entity a pull request adds, since rules always come from
     * the base commit.
     */
    public Catalog governedBy(Catalog rules) {
        return new Catalog(parts.withRules(rules.parts));
    }

    /** The empty catalog: built-in responsibilities only. */
    public static Catalog empty(String commit, List<Problem> problems) {
        Map<String, Responsibility> builtIns = new HashMap<>();
        Responsibility.BUILT_IN.forEach(n -> builtIns.put(n, Responsibility.builtIn(n)));
        return new Catalog(new Parts(commit, Instant.now(), "", Map.of(), Map.of(), Map.of(), Map.of(), List.of(),
                Relations.empty(), GroupMembership.build(Map.of()), Lineage.empty(), Map.copyOf(builtIns),
                PolicyIndex.build(List.of()), Map.of(), new Runbooks("runbooks", Map.of()), Map.of(),
                problems.stream().sorted(Problem.BY_LOCATION).toList()));
    }

    public String commit() {
        return commit;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** The repository-relative folder the manifests were read from. */
    public String catalogRoot() {
        return catalogRoot;
    }

    /** The entity with this ref, or null (also for a null ref). */
    public Entity entity(EntityRef ref) {
        return ref == null ? null : entities.get(ref);
    }

    /** Every entity in canonical ref order. */
    public List<Entity> entities() {
        return sorted;
    }

    /** The entities whose {@code spec.owner} is {@code owner}, in ref order: found through relations, not a scan. */
    public List<Entity> ownedBy(EntityRef owner) {
        List<Entity> out = new ArrayList<>();
        for (EntityRef ref : relations.referrers(owner)) {
            Entity e = entities.get(ref);
            if (e != null && owner.equals(e.owner())) out.add(e);
        }
        out.sort(Comparator.comparing(Entity::ref));
        return out;
    }

    /** The entities of one kind (lowercase), in ref order: a slice of {@link #entities()}. */
    public List<Entity> entitiesOfKind(String kind) {
        int from = firstIndex(kind, false);
        int to = firstIndex(kind, true);
        return sorted.subList(from, to);
    }

    /** Index of the first entity whose kind is at or after {@code kind} (after it, when {@code past}). */
    private int firstIndex(String kind, boolean past) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = sorted.get(mid).ref().kind().compareTo(kind);
            if (c < 0 || (past && c == 0)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
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
        for (Responsibility r : sortedResponsibilities) {
            if (r.appliesTo(entity)) out.add(r);
        }
        return out;
    }

    public PolicyIndex policies() {
        return policies;
    }

    /** Every readiness checklist, by name. */
    public List<ReadinessChecklist> checklists() {
        return sortedChecklists;
    }

    public ReadinessChecklist checklist(String name) {
        return name == null ? null : checklists.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * True when {@code other} has the same rules: policies, responsibilities, checklists and group
     * membership (the same objects, as a reload that touched none of them keeps them). What readiness
     * answers depend on besides the entities themselves.
     */
    public boolean sameRules(Catalog other) {
        return other != null && policies == other.policies && groups == other.groups && checklists == other.checklists
                && responsibilities.equals(other.responsibilities);
    }

    public Map<String, ReadinessChecklist> checklistMap() {
        return checklists;
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

    /** The manifest files, in order: every file read for entities, not the data files placeholders read. */
    public List<String> manifestPaths() {
        return files.values().stream().filter(f -> !f.data()).map(FileLoad::path).sorted().toList();
    }

    public Map<String, FileLoad> files() {
        return files;
    }

    public Map<EntityRef, List<Definition>> shadowed() {
        return shadowed;
    }

    public Map<EntityRef, Definition> stewardDefinitions() {
        return stewardDefinitions;
    }

    public Map<EntityRef, List<Problem>> refProblems() {
        return refProblems;
    }

    /** The manifest bytes of a file of this snapshot, or null. */
    public byte[] manifest(String path) {
        FileLoad file = files.get(path);
        return file == null ? null : file.content();
    }
}

package dev.steward.plan;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.OwnershipPolicy;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.Values;
import dev.steward.readiness.ReadinessBlocker;
import dev.steward.readiness.ReadinessGate;
import dev.steward.resolve.Blocker;
import dev.steward.resolve.Party;
import dev.steward.resolve.Resolution;
import dev.steward.resolve.Resolver;
import dev.steward.resolve.Status;
import dev.steward.resolve.Via;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares two snapshots entity by entity and says what kind of change each difference is and who
 * must approve it, as PRODUCT.md's "Pull-request plans" says. Rules and group membership always come
 * from the base, so a pull request can never approve itself by editing them.
 */
public final class Planner {
    static final String CREATE = "create";
    static final String DELETE = "delete";
    static final String OWNERSHIP_TRANSFER = "ownership-transfer";
    static final String METADATA_CHANGE = "metadata-change";
    static final String POLICY_CHANGE = "policy-change";
    private static final Set<String> STEWARD_KINDS = Set.of("responsibility", "ownershippolicy", "readinesschecklist");

    private final Catalog base;
    private final Catalog head;
    private final Catalog added;
    private final Set<EntityRef> approvedBy;
    private final Function<EntityRef, List<Blocker>> blockers;
    private final ChangeClassifiers classifiers;
    private final ReadinessGate gate;
    private final List<Plan.PlanError> classificationErrors = new ArrayList<>();

    private Planner(Catalog base, Catalog head, Set<EntityRef> approvedBy,
                    Function<EntityRef, List<Blocker>> blockers,
                    ChangeClassifiers classifiers, ReadinessGate gate) {
        this.base = base;
        this.gate = gate;
        this.head = head;
        this.added = head.governedBy(base);
        this.approvedBy = approvedBy;
        this.blockers = blockers;
        this.classifiers = classifiers;
    }

    public static Plan plan(Catalog base, Catalog head, Set<EntityRef> approvedBy) {
        return plan(base, head, approvedBy, ref -> List.of());
    }

    /**
     * The plan, where a change whose rules say {@code blockIfOverdue} is not satisfied while the entity
     * has open, overdue incident follow-ups ({@code blockers} finds them).
     */
    public static Plan plan(Catalog base, Catalog head, Set<EntityRef> approvedBy,
                            Function<EntityRef, List<Blocker>> blockers) {
        return plan(base, head, approvedBy, blockers, ChangeClassifiers.NONE);
    }

    /** The plan, with the detected responsibilities of each modified entity refined by {@code classifiers}. */
    public static Plan plan(Catalog base, Catalog head, Set<EntityRef> approvedBy,
                            Function<EntityRef, List<Blocker>> blockers,
                            ChangeClassifiers classifiers) {
        return plan(base, head, approvedBy, blockers, classifiers, ReadinessGate.OFFLINE);
    }

    /** The plan, with entities going to production (or past a checklist's dueBy) gated on their readiness. */
    public static Plan plan(Catalog base, Catalog head, Set<EntityRef> approvedBy,
                            Function<EntityRef, List<Blocker>> blockers,
                            ChangeClassifiers classifiers, ReadinessGate gate) {
        return new Planner(base, head, approvedBy, blockers, classifiers, gate).plan();
    }

    private Plan plan() {
        List<Plan.PlanError> errors = new ArrayList<>();
        for (Problem p : base.errors()) {
            errors.add(new Plan.PlanError(p.path(), p.line(), "base " + shortId(base.commit()) + ": " + p.message()));
        }
        for (Problem p : head.errors()) errors.add(new Plan.PlanError(p.path(), p.line(), p.message()));

        List<Plan.Change> changes = new ArrayList<>();
        Set<EntityRef> refs = new TreeSet<>(base.entityMap().keySet());
        refs.addAll(head.entityMap().keySet());
        for (EntityRef ref : refs) {
            Entity before = base.entity(ref);
            Entity after = head.entity(ref);
            if (before != null && after != null && before.document().equals(after.document())) continue;
            if (STEWARD_KINDS.contains(ref.kind())) {
                policyChange(before, after, changes);
            } else if (before == null) {
                changes.add(change(after, "added", CREATE, List.of(), null, resolve(added, after, CREATE), List.of(),
                        impacted(head, ref)));
            } else if (after == null) {
                changes.add(change(before, "removed", DELETE, List.of(), null, resolve(base, before, DELETE), List.of(),
                        impacted(base, ref)));
            } else {
                modified(before, after, changes);
            }
        }
        changes = gated(changes);
        errors.addAll(classificationErrors);
        boolean satisfied = errors.isEmpty() && changes.stream().allMatch(Plan.Change::satisfied);
        return new Plan(base.commit(), head.commit(), satisfied, errors, changes);
    }

    /** Every change of an entity that the readiness gate holds back carries its blocker and is unsatisfied. */
    private List<Plan.Change> gated(List<Plan.Change> changes) {
        Map<EntityRef, ReadinessBlocker> blocked = new LinkedHashMap<>();
        for (Plan.Change c : changes) {
            if (STEWARD_KINDS.contains(c.entity().kind()) || blocked.containsKey(c.entity())) continue;
            blocked.put(c.entity(), gate.check(added, base.entity(c.entity()), head.entity(c.entity())));
        }
        List<Plan.Change> out = new ArrayList<>(changes.size());
        for (Plan.Change c : changes) {
            var blocker = blocked.get(c.entity());
            out.add(blocker == null ? c : c.blockedBy(blocker));
        }
        return out;
    }

    private void modified(Entity before, Entity after, List<Plan.Change> changes) {
        Set<String> changed = DocumentDiff.changedPaths(before.document(), after.document());
        Set<String> explained = new LinkedHashSet<>();
        List<Plan.Impacted> impacted = impacted(base, before.ref());
        if (!Objects.equals(before.owner(), after.owner())) {
            List<String> paths = changed.stream().filter(p -> DocumentDiff.under(p, "spec.owner")).toList();
            explained.addAll(paths);
            changes.add(change(before, "modified", OWNERSHIP_TRANSFER, paths, null,
                    resolve(base, before, OWNERSHIP_TRANSFER), owners(before.owner(), after.owner()), impacted));
        }
        Map<String, List<String>> detected = new LinkedHashMap<>();
        for (Responsibility r : base.applicableTo(before)) {
            if (!r.isChange() || r.detect().isEmpty()) continue;
            List<String> at = r.detect().stream()
                    .filter(d -> !Objects.equals(Values.at(before.document(), d), Values.at(after.document(), d)))
                    .toList();
            if (at.isEmpty()) continue;
            detected.put(r.name(), changed.stream()
                    .filter(p -> at.stream().anyMatch(d -> DocumentDiff.under(p, d) || DocumentDiff.under(d, p)))
                    .toList());
        }
        ChangeClassifiers.Refined refined = classifiers.refine(before, after,
                Collections.unmodifiableSet(new LinkedHashSet<>(detected.keySet())));
        // Detected names in their order, then what the classifiers added, sorted: plans read the same every time.
        List<String> names = new ArrayList<>(detected.keySet());
        names.retainAll(refined.responsibilities());
        refined.responsibilities().stream().filter(n -> !detected.containsKey(n)).sorted().forEach(names::add);
        for (String name : names) {
            Responsibility r = base.responsibility(name);
            if (r == null) {
                classificationErrors.add(new Plan.PlanError(after.source().path(), after.source().line(), "a plugin "
                        + "classified this change to " + before.ref() + " as '" + name
                        + "', but the catalog defines no Responsibility of that name"));
                continue;
            }
            // A responsibility a classifier added covers the same edit as the one it refines.
            List<String> paths = detected.containsKey(name) ? detected.get(name)
                    : detected.values().stream().flatMap(List::stream).distinct().toList();
            if (paths.isEmpty()) paths = List.copyOf(changed);
            explained.addAll(paths);
            Resolution resolution = resolve(base, before, name);
            if (!refined.notes().isEmpty()) resolution = resolution.withNote(String.join("; ", refined.notes()));
            changes.add(change(before, "modified", name, paths, null, resolution, List.of(), impacted));
        }
        List<String> rest = changed.stream().filter(p -> !explained.contains(p)).toList();
        if (!rest.isEmpty()) {
            changes.add(change(before, "modified", METADATA_CHANGE, rest, null, resolve(base, before, METADATA_CHANGE),
                    List.of(), impacted));
        }
    }

    /** An edited policy or responsibility is a policy-change on its scope (old and new, if it moved). */
    private void policyChange(Entity before, Entity after, List<Plan.Change> changes) {
        Entity subject = before != null ? before : after;
        String kind = before == null ? "added" : after == null ? "removed" : "modified";
        List<String> paths = before != null && after != null
                ? List.copyOf(DocumentDiff.changedPaths(before.document(), after.document())) : List.of();
        Set<EntityRef> scopes = new LinkedHashSet<>();
        scopes.add(scopeOf(before));
        scopes.add(scopeOf(after));
        if (before == null || after == null) scopes.remove(null);
        if (scopes.isEmpty()) scopes.add(null);
        for (EntityRef scope : scopes) {
            Responsibility policyChange = base.responsibility(POLICY_CHANGE);
            Resolution resolution;
            String note = null;
            if (scope == null || base.entity(scope) != null) {
                resolution = Resolver.resolveAtScope(base, scope, policyChange);
            } else if (head.entity(scope) != null) {
                resolution = Resolver.resolveAtScope(added, scope, policyChange);
            } else {
                resolution = Resolver.resolveAtScope(base, null, policyChange);
                note = "scope " + scope + " exists in neither commit; resolved at global scope";
            }
            changes.add(change(subject, kind, POLICY_CHANGE, paths, scope == null ? "global" : scope.toString(),
                    note == null ? resolution : resolution.withNote(note), List.of(), List.of()));
        }
    }

    private EntityRef scopeOf(Entity entity) {
        if (entity == null) return null;
        Catalog source = base.entity(entity.ref()) == entity ? base : head;
        if (entity.isKind("readinesschecklist")) {
            var checklist = source.checklist(entity.ref().name());
            return checklist == null ? null : checklist.scope();
        }
        OwnershipPolicy policy = source.policies().policy(entity.ref());
        return policy == null ? null : policy.scope();
    }

    private static Resolution resolve(Catalog catalog, Entity entity, String responsibility) {
        return Resolver.resolve(catalog, entity, catalog.responsibility(responsibility));
    }

    /** Both the previous and the new owner approve an ownership transfer, beyond any rule. */
    private List<Party> owners(EntityRef previous, EntityRef next) {
        List<Party> out = new ArrayList<>();
        if (previous != null) {
            out.add(new Party(previous, 1, base.groups().eligibleMembers(previous), List.of(new Via(null, null, null,
                    "previous-owner", null, null))));
        }
        if (next != null) {
            out.add(new Party(next, 1, base.groups().eligibleMembers(next), List.of(new Via(null, null, null,
                    "new-owner", null, null))));
        }
        return out;
    }

    private Plan.Change change(Entity entity, String kind, String responsibility, List<String> paths, String scope,
                               Resolution resolution, List<Party> extra, List<Plan.Impacted> impacted) {
        Map<EntityRef, Party> merged = new LinkedHashMap<>();
        for (Party p : resolution.approvers()) merged.put(p.ref(), p);
        for (Party p : extra) {
            Party existing = merged.get(p.ref());
            if (existing == null) {
                merged.put(p.ref(), p);
            } else {
                List<Via> via = new ArrayList<>(existing.via());
                via.addAll(p.via());
                merged.put(p.ref(), new Party(p.ref(), Math.max(existing.min(), p.min()), existing.members(), via));
            }
        }
        List<Plan.Approver> approvers = new ArrayList<>();
        for (Party p : merged.values()) {
            List<EntityRef> given = p.members().stream().filter(approvedBy::contains).toList();
            approvers.add(new Plan.Approver(p.ref(), p.min(), p.members(), p.via(), given, given.size() >= p.min()));
        }
        boolean owned = !approvers.isEmpty();
        String note = resolution.note();
        for (Plan.Approver a : approvers) {
            if (a.members().size() < a.min()) {
                note = (note == null ? "" : note + "; ") + a.ref() + " has " + a.members().size()
                        + " eligible member(s) at the base commit, fewer than the " + a.min() + " needed"
                        + (base.entity(a.ref()) == null ? " (it does not exist yet: add it in an earlier pull request)" : "");
            }
        }
        String status = owned ? Status.OK.label() : Status.UNOWNED.label();
        List<Blocker> blocking = resolution.blockIfOverdue() ? blockers.apply(entity.ref()) : List.of();
        if (!blocking.isEmpty()) {
            note = (note == null ? "" : note + "; ") + "blocked by " + blocking.size()
                    + " overdue incident follow-up(s) on " + entity.ref();
        }
        boolean satisfied = owned && blocking.isEmpty() && approvers.stream().allMatch(Plan.Approver::satisfied);
        return new Plan.Change(entity.ref(), kind, responsibility, paths, scope, status, note, List.copyOf(approvers),
                resolution.runbook(), impacted, blocking, satisfied, entity.source().toString(), null);
    }

    private static List<Plan.Impacted> impacted(Catalog catalog, EntityRef ref) {
        List<Plan.Impacted> out = new ArrayList<>();
        for (EntityRef downstream : catalog.lineage().consumers(ref)) {
            Entity e = catalog.entity(downstream);
            if (e != null) out.add(new Plan.Impacted(downstream, e.owner()));
        }
        return out;
    }

    static String shortId(String commit) {
        return commit == null ? "?" : commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}

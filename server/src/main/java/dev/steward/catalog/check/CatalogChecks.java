package dev.steward.catalog.check;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.Levenshtein;
import dev.steward.catalog.TokenParties;
import dev.steward.catalog.model.Definition;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Imported;
import dev.steward.catalog.model.OwnershipPolicy;
import dev.steward.catalog.model.PartySpec;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.RefField;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.Role;
import dev.steward.catalog.model.Rule;
import dev.steward.catalog.model.SourceLocation;
import dev.steward.catalog.model.StewardKinds;
import dev.steward.catalog.model.Values;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks that need the whole catalog: refs that point nowhere or at the wrong kind, duplicates,
 * cycles, responsibility names, runbooks and {@code min} beyond a group's eligible members. Each
 * problem names the file and line of the field at fault. Ref checks are kept per entity, so a
 * reload re-checks only the entities a change can affect.
 */
public final class CatalogChecks {
    private static final Set<String> KNOWN_KINDS = Set.of("component", "api", "resource", "system", "domain",
            "group", "user", "location", StewardKinds.RESPONSIBILITY, StewardKinds.OWNERSHIP_POLICY,
            StewardKinds.READINESS_CHECKLIST);

    private final Catalog catalog;
    private final Lines lines;
    private final Findings findings = new Findings();

    private CatalogChecks(Catalog catalog, Lines lines) {
        this.catalog = catalog;
        this.lines = lines;
    }

    /**
     * The ref problems of every entity: those of {@code previous}, with the entities in
     * {@code recheck} checked again (and entities that no longer exist dropped).
     */
    public static Map<EntityRef, List<Problem>> refProblems(Catalog catalog, Map<EntityRef, List<Problem>> previous,
                                                    Collection<EntityRef> recheck, Lines lines) {
        Map<EntityRef, List<Problem>> out = new HashMap<>(previous);
        CatalogChecks checks = new CatalogChecks(catalog, lines);
        for (EntityRef ref : recheck) {
            out.remove(ref);
            Entity entity = catalog.entity(ref);
            if (entity == null) continue;
            List<Problem> problems = checks.refFields(entity);
            if (!problems.isEmpty()) out.put(ref, problems);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every problem that depends on the catalog as a whole, besides the per-entity ref problems. */
    public static List<Problem> global(Catalog catalog, Lines lines, LocalDate today, int runbookMaxAgeDays) {
        CatalogChecks checks = new CatalogChecks(catalog, lines);
        checks.findings.addAll(RunbookChecks.check(catalog, today, runbookMaxAgeDays));
        if (catalog.files().isEmpty()) {
            checks.findings.error(catalog.catalogRoot(), 1, "no manifests (*.yaml, *.yml) under '"
                    + catalog.catalogRoot() + "' at " + catalog.commit());
        }
        checks.duplicates();
        checks.responsibilities();
        for (OwnershipPolicy policy : catalog.policies().policies()) {
            checks.policy(policy);
        }
        ChecklistChecks.check(catalog, lines, checks.findings);
        checks.groupCycles();
        checks.domainCycles();
        return checks.findings.problems();
    }

    private List<Problem> refFields(Entity entity) {
        List<Problem> out = new ArrayList<>();
        Map<String, Object> spec = entity.spec();
        for (RefField field : entity.refs().keySet()) {
            Object raw = spec.get(field.field());
            List<?> items = field.many() ? Values.list(raw) : Collections.singletonList(raw);
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof String text)) continue;
                EntityRef ref;
                try {
                    ref = EntityRef.parse(text, field.defaultKind(), entity.ref().namespace());
                } catch (EntityRef.RefFormatException e) {
                    continue; // reported when the entity was read
                }
                String where = "spec." + field.field() + (field.many() ? "[" + i + "]" : "");
                String message = targetProblem(where, ref, field.targetKinds());
                if (message != null && field == RefField.OWNER && ref.equals(Imported.NEEDS_OWNER) && Imported.from(entity) != null) {
                    message = "spec.owner: " + entity.ref() + " needs an owner: it was imported from " + Imported.from(entity)
                            + "; set spec.owner to the team that owns it";
                }
                if (message == null) continue;
                // Backstage itself refuses a wrong kind only where its model lists allowed kinds.
                boolean kindOnly = catalog.entity(ref) != null;
                out.add(kindOnly && !field.backstageRestrictsKinds()
                        ? Problem.warning(lines.at(entity, where), message)
                        : Problem.error(lines.at(entity, where), message));
            }
        }
        return out;
    }

    private String targetProblem(String where, EntityRef ref, Set<String> kinds) {
        Entity target = catalog.entity(ref);
        if (target == null) return where + ": " + ref + " does not exist" + suggestion(ref);
        if (!kinds.isEmpty() && !kinds.contains(ref.kind())) {
            return where + ": " + ref + " is a " + ref.kind() + "; expected "
                    + String.join(" or ", kinds.stream().sorted().toList());
        }
        return null;
    }

    /** A near miss of the same kind, for a ref that does not exist. */
    private String suggestion(EntityRef missing) {
        EntityRef best = null;
        int bestDistance = 3;
        for (Entity e : catalog.entitiesOfKind(missing.kind())) {
            EntityRef r = e.ref();
            int d = Levenshtein.distance(r.namespace() + "/" + r.name(), missing.namespace() + "/" + missing.name(),
                    bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = r;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private void duplicates() {
        catalog.shadowed().forEach((ref, definitions) -> {
            SourceLocation winner = catalog.entity(ref).source();
            for (Definition d : definitions) {
                findings.error(d.entity().source(), "duplicate entity " + ref + "; also defined at " + winner);
            }
        });
    }

    private void responsibilities() {
        Map<String, SourceLocation> first = new HashMap<>();
        for (Definition d : Definition.inOrder(catalog.stewardDefinitions().values())) {
            Responsibility r = d.responsibility();
            if (r == null) continue;
            SourceLocation earlier = first.putIfAbsent(r.name(), r.source());
            if (earlier != null) {
                findings.error(r.source(), "duplicate responsibility '" + r.name() + "'; also defined at " + earlier);
            }
        }
        for (Responsibility r : catalog.responsibilities()) {
            if (r.source() == null) continue;
            for (Responsibility.AppliesTo a : r.appliesTo()) {
                if (!KNOWN_KINDS.contains(a.kind())) {
                    findings.warning(r.source(), "responsibility " + r.name() + " applies to kind '" + a.kind()
                            + "', which no entity can have");
                }
            }
            runbookExists(r.runbookAt(), "spec.runbook", r.runbook());
        }
    }

    private void runbookExists(SourceLocation at, String where, String path) {
        if (path != null && !catalog.runbooks().exists(path)) {
            findings.error(at, where + ": runbook '" + path + "' does not exist under " + catalog.runbooks().root() + "/");
        }
    }

    private void policy(OwnershipPolicy policy) {
        Entity policyEntity = catalog.entity(policy.ref());
        if (policy.scope() != null && catalog.entity(policy.scope()) == null) {
            findings.error(lines.at(policyEntity, "spec.scope"), "spec.scope: " + policy.scope() + " does not exist"
                    + suggestion(policy.scope()));
        }
        for (Rule rule : policy.rules()) {
            for (String name : rule.responsibilities()) {
                if (!name.equals(Rule.ANY) && catalog.responsibility(name) == null) {
                    findings.error(rule.location(), "rule " + rule.index() + " of " + policy.ref()
                            + " is for unknown responsibility '" + name + "'" + responsibilitySuggestion(name));
                }
            }
            runbookExists(rule.runbookAt(), "spec.rules[" + rule.index() + "].runbook", rule.runbook());
            for (Role role : Role.values()) {
                for (PartySpec party : rule.parties(role)) {
                    checkParty(policy, role, party);
                }
            }
        }
    }

    private String responsibilitySuggestion(String name) {
        String best = null;
        int bestDistance = 3;
        for (Responsibility r : catalog.responsibilities()) {
            int d = Levenshtein.distance(r.name(), name, bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = r.name();
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private void checkParty(OwnershipPolicy policy, Role role, PartySpec party) {
        String where = role.field();
        if (!party.isToken()) {
            String problem = targetProblem(where, party.ref(), Set.of("group", "user"));
            if (problem != null) {
                findings.error(party.location(), problem);
            } else {
                checkMin(party.location(), where, party.ref(), party.min(), null);
            }
            return;
        }
        if (party.min() <= 1) return;
        // A token with min: every entity the rule reaches must give parties with enough members.
        for (Entity entity : catalog.inScope(policy.scope())) {
            if (!policy.match().accepts(entity)) continue;
            for (EntityRef ref : TokenParties.resolve(party.token(), entity, catalog).keySet()) {
                if (catalog.entity(ref) != null && !checkMin(party.location(), where, ref, party.min(), entity)) {
                    return; // one located error per party is enough
                }
            }
        }
    }

    private boolean checkMin(SourceLocation at, String where, EntityRef ref, int min, Entity via) {
        List<EntityRef> members = catalog.groups().eligibleMembers(ref);
        if (min <= members.size()) return true;
        String reached = via == null ? "" : " (as the party of " + via.ref() + ")";
        findings.error(at, where + ": min " + min + " for " + ref + reached + ", which has "
                + members.size() + " eligible member" + (members.size() == 1 ? "" : "s")
                + (members.isEmpty() ? "" : " (" + members.stream().map(EntityRef::toString)
                .collect(Collectors.joining(", ")) + ")"));
        return false;
    }

    private void groupCycles() {
        for (List<EntityRef> cycle : catalog.groups().cycles()) {
            String text = cycle.stream().map(EntityRef::toString).collect(Collectors.joining(" → "));
            findings.error(edgeLocation(cycle.get(0), cycle.get(1)), "group hierarchy has a cycle: " + text);
        }
    }

    /** Where the parent → child edge is written: the parent's children entry, else the child's parent. */
    private SourceLocation edgeLocation(EntityRef parent, EntityRef child) {
        Entity p = catalog.entity(parent);
        int index = p == null ? -1 : p.refs(RefField.CHILDREN).indexOf(child);
        if (index >= 0) return lines.at(p, "spec.children[" + index + "]");
        Entity c = catalog.entity(child);
        return c != null ? lines.at(c, "spec.parent") : p.source();
    }

    private void domainCycles() {
        Set<EntityRef> reported = new HashSet<>();
        for (Entity start : catalog.entitiesOfKind("domain")) {
            if (reported.contains(start.ref())) continue;
            List<EntityRef> path = new ArrayList<>();
            EntityRef current = start.ref();
            while (current != null && !path.contains(current)) {
                path.add(current);
                Entity d = catalog.entity(current);
                current = d == null || !d.isKind("domain") ? null : d.subdomainOf();
            }
            if (current != null && current.equals(start.ref())) {
                reported.addAll(path);
                path.add(current);
                findings.error(lines.at(start, "spec.subdomainOf"), "domain hierarchy has a cycle: "
                        + path.stream().map(EntityRef::toString).collect(Collectors.joining(" → ")));
            }
        }
    }
}

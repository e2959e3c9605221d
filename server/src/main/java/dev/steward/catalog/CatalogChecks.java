package dev.steward.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks that need the whole catalog: refs that point nowhere or at the wrong kind, cycles,
 * responsibility names and {@code min} beyond a group's eligible members. Each
 * problem names the file and line of the field at fault.
 */
final class CatalogChecks {
    private static final Set<String> KNOWN_KINDS = Set.of("component", "api", "resource", "system", "domain",
            "group", "user", "location", EntityReader.RESPONSIBILITY, EntityReader.OWNERSHIP_POLICY);

    private final Catalog catalog;
    private final Findings findings;

    private CatalogChecks(Catalog catalog, Findings findings) {
        this.catalog = catalog;
        this.findings = findings;
    }

    static void run(Catalog catalog, List<ParsedEntity> parsed, Map<EntityRef, ParsedEntity> policySources,
                    Findings findings) {
        CatalogChecks checks = new CatalogChecks(catalog, findings);
        for (ParsedEntity p : parsed) {
            checks.refFields(p);
        }
        checks.groupCycles(parsed);
        checks.domainCycles(parsed);
        checks.responsibilities();
        for (OwnershipPolicy policy : catalog.policies().policies()) {
            checks.policy(policy, policySources.get(policy.ref()));
        }
    }

    private void refFields(ParsedEntity parsed) {
        Entity entity = parsed.entity();
        Map<String, Object> spec = entity.spec();
        for (RefField field : entity.refs().keySet()) {
            Object raw = spec.get(field.field());
            List<?> items = field.many() ? Values.list(raw) : java.util.Collections.singletonList(raw);
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof String text)) continue;
                EntityRef ref;
                try {
                    ref = EntityRef.parse(text, field.defaultKind(), entity.ref().namespace());
                } catch (EntityRef.RefFormatException e) {
                    continue; // reported when the entity was read
                }
                String where = "spec." + field.field() + (field.many() ? "[" + i + "]" : "");
                checkTarget(parsed.at(where), where, ref, field.targetKinds());
            }
        }
    }

    private void checkTarget(SourceLocation at, String where, EntityRef ref, Set<String> kinds) {
        Entity target = catalog.entity(ref);
        if (target == null) {
            findings.error(at, where + ": " + ref + " does not exist" + suggestion(ref));
        } else if (!kinds.isEmpty() && !kinds.contains(ref.kind())) {
            findings.error(at, where + ": " + ref + " is a " + ref.kind() + "; expected "
                    + String.join(" or ", kinds.stream().sorted().toList()));
        }
    }

    /** A near miss of the same kind, for a ref that does not exist. */
    private String suggestion(EntityRef missing) {
        EntityRef best = null;
        int bestDistance = 3;
        for (Entity e : catalog.entities()) {
            EntityRef r = e.ref();
            if (!r.kind().equals(missing.kind())) continue;
            int d = Levenshtein.distance(r.namespace() + "/" + r.name(), missing.namespace() + "/" + missing.name(),
                    bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = r;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private void groupCycles(List<ParsedEntity> parsed) {
        Map<EntityRef, ParsedEntity> byRef = parsed.stream()
                .collect(Collectors.toMap(p -> p.entity().ref(), p -> p, (a, b) -> a));
        for (List<EntityRef> cycle : catalog.groups().cycles()) {
            String text = cycle.stream().map(EntityRef::toString).collect(Collectors.joining(" → "));
            findings.error(edgeLocation(byRef, cycle.get(0), cycle.get(1)), "group hierarchy has a cycle: " + text);
        }
    }

    /** Where the parent → child edge is written: the parent's children entry, else the child's parent. */
    private static SourceLocation edgeLocation(Map<EntityRef, ParsedEntity> byRef, EntityRef parent, EntityRef child) {
        ParsedEntity p = byRef.get(parent);
        int index = p == null ? -1 : p.entity().refs(RefField.CHILDREN).indexOf(child);
        if (index >= 0) return p.at("spec.children[" + index + "]");
        ParsedEntity c = byRef.get(child);
        return c != null ? c.at("spec.parent") : p.entity().source();
    }

    private void domainCycles(List<ParsedEntity> parsed) {
        Set<EntityRef> reported = new HashSet<>();
        for (ParsedEntity p : parsed) {
            Entity start = p.entity();
            if (!start.isKind("domain") || reported.contains(start.ref())) continue;
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
                findings.error(p.at("spec.subdomainOf"), "domain hierarchy has a cycle: "
                        + path.stream().map(EntityRef::toString).collect(Collectors.joining(" → ")));
            }
        }
    }

    private void responsibilities() {
        for (Responsibility r : catalog.responsibilities()) {
            if (r.source() == null) continue;
            for (Responsibility.AppliesTo a : r.appliesTo()) {
                if (!KNOWN_KINDS.contains(a.kind())) {
                    findings.warning(r.source(), "responsibility " + r.name() + " applies to kind '" + a.kind()
                            + "', which no entity can have");
                }
            }
        }
    }

    private void policy(OwnershipPolicy policy, ParsedEntity source) {
        if (policy.scope() != null && catalog.entity(policy.scope()) == null) {
            SourceLocation at = source == null ? policy.source() : source.at("spec.scope");
            findings.error(at, "spec.scope: " + policy.scope() + " does not exist" + suggestion(policy.scope()));
        }
        for (Rule rule : policy.rules()) {
            for (String name : rule.responsibilities()) {
                if (!name.equals(Rule.ANY) && catalog.responsibility(name) == null) {
                    findings.error(rule.location(), "rule " + rule.index() + " of " + policy.ref()
                            + " is for unknown responsibility '" + name + "'" + responsibilitySuggestion(name));
                }
            }
            for (Role role : Role.values()) {
                for (PartySpec party : rule.parties(role)) {
                    checkParty(policy, rule, role, party);
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

    private void checkParty(OwnershipPolicy policy, Rule rule, Role role, PartySpec party) {
        String where = role.field();
        if (!party.isToken()) {
            checkTarget(party.location(), where, party.ref(), Set.of("group", "user"));
            if (catalog.entity(party.ref()) != null) {
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
}

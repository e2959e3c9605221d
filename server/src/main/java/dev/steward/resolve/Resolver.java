package dev.steward.resolve;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.Runbooks;
import dev.steward.catalog.TokenParties;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Match;
import dev.steward.catalog.model.PartySpec;
import dev.steward.catalog.model.PolicyRule;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.Role;
import dev.steward.catalog.model.Rule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Resolves who approves a change, or who handles a duty, for one entity, exactly as PRODUCT.md's
 * "Resolution" section says: walk the scope chain from the entity out to global, take the matching
 * rules at each level, stop after a level with {@code inherit: false}, resolve tokens against the
 * entity, merge repeated parties, and pick the most specific runbook. Pure: no I/O, no state.
 */
public final class Resolver {
    private Resolver() {
    }

    /** Looks both names up; unknown ones are a {@link NotFoundException}. */
    public static Resolution resolve(Catalog catalog, EntityRef ref, String responsibility) {
        Entity entity = catalog.entity(ref);
        if (entity == null) throw new NotFoundException("no entity " + ref + " in the catalog at " + catalog.commit());
        Responsibility r = catalog.responsibility(responsibility);
        if (r == null) throw new NotFoundException("no responsibility '" + responsibility + "'; known: "
                + catalog.responsibilities().stream().map(Responsibility::name).collect(Collectors.joining(", ")));
        return resolve(catalog, entity, r);
    }

    public static Resolution resolve(Catalog catalog, Entity entity, Responsibility responsibility) {
        Party owner = owner(catalog, entity);
        if (!responsibility.appliesTo(entity)) {
            String note = responsibility.name() + " applies to "
                    + responsibility.appliesTo().stream().map(Object::toString).collect(Collectors.joining(", "))
                    + "; " + entity.ref() + " is " + entity.ref().kind()
                    + (entity.type() == null ? "" : ":" + entity.type());
            return new Resolution(entity.ref(), responsibility.name(), responsibility.type().label(),
                    Status.NOT_APPLICABLE, owner, List.of(), List.of(), List.of(), List.of(), null, null, note,
                    catalog.commit());
        }

        Map<Role, PartyCollector> roles = new EnumMap<>(Role.class);
        for (Role role : Role.values()) roles.put(role, new PartyCollector());
        String runbook = null;
        Via runbookVia = null;
        boolean blockIfOverdue = false;
        List<EntityRef> chain = catalog.scopeChain(entity);
        List<String> walked = new ArrayList<>(chain.size() + 1);
        for (int level = 0; level <= chain.size(); level++) {
            EntityRef scope = level < chain.size() ? chain.get(level) : null;
            walked.add(scope == null ? Via.GLOBAL : scope.toString());
            boolean stop = false;
            for (PolicyRule policyRule : catalog.policies().rulesAt(scope, responsibility.name())) {
                if (!policyRule.accepts(entity)) continue;
                Rule rule = policyRule.rule();
                for (Role role : Role.values()) {
                    for (PartySpec party : rule.parties(role)) {
                        add(catalog, entity, rule, party, roles.get(role));
                    }
                }
                if (runbook == null && rule.runbook() != null) {
                    runbook = Runbooks.normalize(rule.runbook());
                    runbookVia = via(rule, null, List.of());
                }
                if (!rule.inherit()) stop = true;
                blockIfOverdue |= rule.blockIfOverdue();
            }
            if (stop) break;
        }
        if (runbook == null && responsibility.runbook() != null) {
            runbook = Runbooks.normalize(responsibility.runbook());
        }

        var groups = catalog.groups();
        List<Party> approvers = roles.get(Role.APPROVERS).parties(groups);
        List<Party> responsible = roles.get(Role.RESPONSIBLE).parties(groups);
        boolean owned = responsibility.isChange() ? !approvers.isEmpty() : !responsible.isEmpty();
        String note = owned ? null : "no " + (responsibility.isChange() ? "approvers" : "responsible party")
                + " for " + responsibility.name() + " on " + entity.ref() + ": no matching policy rule names one at "
                + String.join(", ", walked);
        return new Resolution(entity.ref(), responsibility.name(), responsibility.type().label(),
                owned ? Status.OK : Status.UNOWNED, owner, approvers, responsible,
                roles.get(Role.CONSULTED).parties(groups), roles.get(Role.INFORMED).parties(groups),
                runbook, runbookVia, note, catalog.commit()).blocking(blockIfOverdue);
    }

    /**
     * Resolves at a policy's scope: for a scope entity as for any entity, and for global (null) with
     * the global rules alone. Policy and responsibility edits are {@code policy-change}s resolved so.
     */
    public static Resolution resolveAtScope(Catalog catalog, EntityRef scope, Responsibility responsibility) {
        if (scope != null) {
            Entity entity = catalog.entity(scope);
            if (entity == null) throw new NotFoundException("no scope entity " + scope + " at " + catalog.commit());
            return resolve(catalog, entity, responsibility);
        }
        Map<Role, PartyCollector> roles = new EnumMap<>(Role.class);
        for (Role role : Role.values()) roles.put(role, new PartyCollector());
        String runbook = null;
        Via runbookVia = null;
        for (PolicyRule policyRule : catalog.policies().rulesAt(null, responsibility.name())) {
            if (!policyRule.policy().match().equals(Match.ALL)) continue;
            Rule rule = policyRule.rule();
            for (Role role : Role.values()) {
                for (PartySpec party : rule.parties(role)) {
                    if (!party.isToken()) roles.get(role).add(party.ref(), party.min(), via(rule, null, List.of()));
                }
            }
            if (runbook == null && rule.runbook() != null) {
                runbook = Runbooks.normalize(rule.runbook());
                runbookVia = via(rule, null, List.of());
            }
        }
        if (runbook == null && responsibility.runbook() != null) runbook = responsibility.runbook();
        var groups = catalog.groups();
        List<Party> approvers = roles.get(Role.APPROVERS).parties(groups);
        boolean owned = !approvers.isEmpty();
        return new Resolution(null, responsibility.name(), responsibility.type().label(),
                owned ? Status.OK : Status.UNOWNED, null, approvers, roles.get(Role.RESPONSIBLE).parties(groups),
                roles.get(Role.CONSULTED).parties(groups), roles.get(Role.INFORMED).parties(groups), runbook,
                runbookVia, owned ? null : "no approvers for " + responsibility.name() + " at global scope",
                catalog.commit());
    }

    /** Every responsibility that applies to the entity, resolved. */
    public static List<Resolution> resolveAll(Catalog catalog, Entity entity) {
        List<Resolution> out = new ArrayList<>();
        for (Responsibility r : catalog.applicableTo(entity)) {
            out.add(resolve(catalog, entity, r));
        }
        return out;
    }

    private static void add(Catalog catalog, Entity entity, Rule rule, PartySpec party, PartyCollector into) {
        if (!party.isToken()) {
            into.add(party.ref(), party.min(), via(rule, null, List.of()));
            return;
        }
        TokenParties.resolve(party.token(), entity, catalog).forEach((ref, through) ->
                into.add(ref, party.min(), via(rule, party.token().label(), through)));
    }

    private static Via via(Rule rule, String token, List<EntityRef> through) {
        return new Via(rule.policy(), rule.scope() == null ? Via.GLOBAL : rule.scope().toString(), rule.index(),
                token, through.isEmpty() ? null : List.copyOf(through), rule.location().toString());
    }

    private static Party owner(Catalog catalog, Entity entity) {
        EntityRef owner = entity.owner();
        if (owner == null) return null;
        return new Party(owner, 1, catalog.groups().eligibleMembers(owner), List.of());
    }
}

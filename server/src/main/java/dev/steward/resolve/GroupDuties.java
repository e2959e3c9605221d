package dev.steward.resolve;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.OwnershipPolicy;
import dev.steward.catalog.model.PartySpec;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.Role;
import dev.steward.catalog.model.Rule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a team owns and is named for across the catalog. It resolves, with the same
 * {@link Resolver}, only the entities where the team can appear: in the scope of a rule naming it,
 * owned by it (the {@code owner} token), or upstream or downstream of what it owns (the
 * {@code consumers} and {@code producers} tokens).
 */
public record GroupDuties(EntityRef group, String title, List<EntityRef> members, List<EntityRef> children,
                          List<EntityRef> owns, List<Assignment> approves, List<Assignment> responsible,
                          List<Assignment> consulted, List<Assignment> informed) {

    public static GroupDuties of(Catalog catalog, EntityRef group) {
        Entity entity = catalog.entity(group);
        if (entity == null || !(entity.isKind("group") || entity.isKind("user"))) {
            throw new NotFoundException("no group or user " + group + " in the catalog at " + catalog.commit());
        }
        List<EntityRef> owns = new ArrayList<>();
        for (Entity e : catalog.entities()) {
            if (group.equals(e.owner())) owns.add(e.ref());
        }
        Map<Role, List<Assignment>> byRole = new EnumMap<>(Role.class);
        for (Role role : Role.values()) byRole.put(role, new ArrayList<>());
        for (EntityRef candidate : candidates(catalog, group, owns)) {
            Entity e = catalog.entity(candidate);
            for (Responsibility r : catalog.applicableTo(e)) {
                Resolution resolution = Resolver.resolve(catalog, e, r);
                for (Role role : Role.values()) {
                    for (Party party : resolution.parties(role)) {
                        if (party.ref().equals(group)) {
                            byRole.get(role).add(new Assignment(e.ref(), r.name(), r.type().label(), party.min(),
                                    party.via()));
                        }
                    }
                }
            }
        }
        return new GroupDuties(group, entity.title(), catalog.groups().eligibleMembers(group),
                catalog.groups().childGroups(group), owns, byRole.get(Role.APPROVERS), byRole.get(Role.RESPONSIBLE),
                byRole.get(Role.CONSULTED), byRole.get(Role.INFORMED));
    }

    private static Set<EntityRef> candidates(Catalog catalog, EntityRef group, List<EntityRef> owns) {
        Set<EntityRef> out = new TreeSet<>(owns);
        Set<PartySpec.Token> tokens = new LinkedHashSet<>();
        for (OwnershipPolicy policy : catalog.policies().policies()) {
            boolean namesGroup = false;
            for (Rule rule : policy.rules()) {
                for (Role role : Role.values()) {
                    for (PartySpec party : rule.parties(role)) {
                        if (party.isToken()) tokens.add(party.token());
                        else if (party.ref().equals(group)) namesGroup = true;
                    }
                }
            }
            if (namesGroup) {
                catalog.inScope(policy.scope()).forEach(e -> out.add(e.ref()));
            }
        }
        for (EntityRef owned : owns) {
            if (tokens.contains(PartySpec.Token.CONSUMERS)) out.addAll(catalog.lineage().producers(owned));
            if (tokens.contains(PartySpec.Token.PRODUCERS)) out.addAll(catalog.lineage().consumers(owned));
        }
        return out;
    }
}

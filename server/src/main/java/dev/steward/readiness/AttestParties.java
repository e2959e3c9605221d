package dev.steward.readiness;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.TokenParties;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.PartySpec;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.Responsibility;
import dev.steward.resolve.Party;
import dev.steward.resolve.Resolution;
import dev.steward.resolve.Resolver;
import dev.steward.resolve.Status;
import dev.steward.resolve.Via;
import java.util.ArrayList;
import java.util.List;

/**
 * The parties of a check for one entity: who may attest it ({@code by}, resolved like a policy's
 * parties, or the resolution of a duty or change with its {@code via}), and who must act on a rule
 * check that fails (the owner).
 */
public final class AttestParties {
    private AttestParties() {
    }

    public static List<Party> by(Catalog catalog, Entity entity, ReadinessChecklist checklist,
                                 ReadinessChecklist.Check check) {
        ReadinessChecklist.AttestParty by = check.attest().by();
        if (by.isResolved()) {
            Responsibility r = catalog.responsibility(by.responsibility());
            if (r == null) return List.of();
            Resolution resolution = Resolver.resolve(catalog, entity, r);
            return resolution.status() == Status.NOT_APPLICABLE ? List.of() : resolution.parties(by.role());
        }
        PartySpec party = by.party();
        String location = check.location().toString();
        if (!party.isToken()) {
            return List.of(new Party(party.ref(), party.min(), catalog.groups().eligibleMembers(party.ref()),
                    List.of(via(checklist, null, List.of(), location))));
        }
        List<Party> out = new ArrayList<>();
        TokenParties.resolve(party.token(), entity, catalog).forEach((ref, through) -> out.add(new Party(ref,
                party.min(), catalog.groups().eligibleMembers(ref),
                List.of(via(checklist, party.token().label(), through, location)))));
        return out;
    }

    /** The owner, who must fix what a rule check finds in the manifest. */
    public static List<Party> owner(Catalog catalog, Entity entity, ReadinessChecklist checklist,
                                    ReadinessChecklist.Check check) {
        EntityRef owner = entity.owner();
        if (owner == null) return List.of();
        return List.of(new Party(owner, 1, catalog.groups().eligibleMembers(owner),
                List.of(via(checklist, "owner", List.of(), check.location().toString()))));
    }

    /** True when {@code user} is an eligible member of one of the parties. */
    public static boolean eligible(List<Party> parties, EntityRef user) {
        for (Party p : parties) {
            if (p.members().contains(user)) return true;
        }
        return false;
    }

    private static Via via(ReadinessChecklist checklist, String token, List<EntityRef> through, String location) {
        return new Via(checklist.ref(), checklist.scope() == null ? Via.GLOBAL : checklist.scope().toString(), null,
                token, through.isEmpty() ? null : List.copyOf(through), location);
    }
}

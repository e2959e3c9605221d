package dev.steward.rca;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.EntityRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Whose action items an owner answers for, in the served catalog. */
final class Owners {
    private Owners() {
    }

    /** For a group: itself, its eligible members and its sub-teams, all the way down; for a user: them and their teams. */
    static Set<EntityRef> reachable(Catalog catalog, EntityRef owner) {
        if (catalog.entity(owner) == null) throw new InvalidInput("owner", "no group or user " + owner + " in the catalog");
        Set<EntityRef> out = new HashSet<>();
        out.add(owner);
        if (owner.kind().equals("user")) {
            out.addAll(catalog.groups().groupsOf(owner));
        } else {
            out.addAll(catalog.groups().eligibleMembers(owner));
            List<EntityRef> todo = new ArrayList<>(catalog.groups().childGroups(owner));
            while (!todo.isEmpty()) {
                EntityRef child = todo.remove(todo.size() - 1);
                if (out.add(child)) todo.addAll(catalog.groups().childGroups(child));
            }
        }
        return out;
    }
}

package dev.steward.catalog;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.PartySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a token names for one entity: {@code owner} its owner; {@code consumers} and
 * {@code producers} the owners of the entities downstream or upstream of it, each with the
 * entities that put it there.
 */
public final class TokenParties {
    private TokenParties() {
    }

    /** Party ref → the entities through which the token reached it (empty for {@code owner}). */
    public static Map<EntityRef, List<EntityRef>> resolve(PartySpec.Token token, Entity entity, Catalog catalog) {
        Map<EntityRef, List<EntityRef>> out = new LinkedHashMap<>();
        switch (token) {
            case OWNER -> {
                if (entity.owner() != null) out.put(entity.owner(), List.of());
            }
            case CONSUMERS -> ownersOf(catalog.lineage().consumers(entity.ref()), catalog, out);
            case PRODUCERS -> ownersOf(catalog.lineage().producers(entity.ref()), catalog, out);
        }
        return out;
    }

    private static void ownersOf(List<EntityRef> refs, Catalog catalog, Map<EntityRef, List<EntityRef>> out) {
        for (EntityRef ref : refs) {
            Entity e = catalog.entity(ref);
            if (e == null || e.owner() == null) continue;
            out.computeIfAbsent(e.owner(), k -> new ArrayList<>()).add(ref);
        }
    }
}

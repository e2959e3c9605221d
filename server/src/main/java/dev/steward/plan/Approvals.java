package dev.steward.plan;

import dev.steward.catalog.EntityRef;
import java.util.LinkedHashSet;
import java.util.Set;

/** Parses the approvals given to a plan: {@code user:a,user:b} or bare user names. */
public final class Approvals {
    private Approvals() {
    }

    public static Set<EntityRef> parse(String text) {
        Set<EntityRef> out = new LinkedHashSet<>();
        if (text == null || text.isBlank()) return out;
        for (String part : text.split(",")) {
            if (part.isBlank()) continue;
            EntityRef ref = EntityRef.parse(part.trim(), "user", EntityRef.DEFAULT_NAMESPACE);
            if (!ref.kind().equals("user")) {
                throw new IllegalArgumentException("approvals are given by users, not " + ref
                        + "; name the people who approved, e.g. user:alice");
            }
            out.add(ref);
        }
        return out;
    }
}

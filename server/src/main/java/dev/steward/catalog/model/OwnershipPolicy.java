package dev.steward.catalog.model;

import java.util.List;

/** A policy: rules that apply at one scope (an entity ref, or global when null) to matching entities. */
public record OwnershipPolicy(EntityRef ref, EntityRef scope, Match match, List<Rule> rules,
                              SourceLocation source) {
    public boolean isGlobal() {
        return scope == null;
    }
}

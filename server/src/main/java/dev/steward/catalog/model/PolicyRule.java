package dev.steward.catalog.model;


/** A rule together with the policy it belongs to (whose {@code match} filters it). */
public record PolicyRule(OwnershipPolicy policy, Rule rule) {
    public boolean accepts(Entity entity) {
        return policy.match().accepts(entity);
    }
}

package dev.steward.catalog;

import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.OwnershipPolicy;
import dev.steward.catalog.model.PolicyRule;
import dev.steward.catalog.model.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy rules indexed by scope and responsibility, so resolution reads only the rules that can
 * apply at each level. Within a level, rules naming the responsibility come before {@code *}
 * rules, then by policy ref and rule order: the order runbook precedence uses.
 */
public final class PolicyIndex {
    private static final Comparator<PolicyRule> ORDER = Comparator
            .comparing((PolicyRule r) -> r.policy().ref())
            .thenComparingInt(r -> r.rule().index());

    private final Map<EntityRef, Map<String, List<PolicyRule>>> scoped;
    private final Map<String, List<PolicyRule>> global;
    private final List<OwnershipPolicy> policies;

    private PolicyIndex(Map<EntityRef, Map<String, List<PolicyRule>>> scoped, Map<String, List<PolicyRule>> global,
                        List<OwnershipPolicy> policies) {
        this.scoped = scoped;
        this.global = global;
        this.policies = policies;
    }

    public static PolicyIndex build(Collection<OwnershipPolicy> policies) {
        Map<EntityRef, Map<String, List<PolicyRule>>> scoped = new HashMap<>();
        Map<String, List<PolicyRule>> global = new HashMap<>();
        for (OwnershipPolicy policy : policies) {
            Map<String, List<PolicyRule>> target = policy.isGlobal()
                    ? global : scoped.computeIfAbsent(policy.scope(), k -> new HashMap<>());
            for (Rule rule : policy.rules()) {
                for (String name : rule.responsibilities()) {
                    target.computeIfAbsent(name, k -> new ArrayList<>()).add(new PolicyRule(policy, rule));
                }
            }
        }
        Map<EntityRef, Map<String, List<PolicyRule>>> frozen = new HashMap<>();
        scoped.forEach((scope, byName) -> frozen.put(scope, freeze(byName)));
        List<OwnershipPolicy> sorted = policies.stream().sorted(Comparator.comparing(OwnershipPolicy::ref)).toList();
        return new PolicyIndex(Map.copyOf(frozen), freeze(global), sorted);
    }

    private static Map<String, List<PolicyRule>> freeze(Map<String, List<PolicyRule>> byName) {
        Map<String, List<PolicyRule>> out = new HashMap<>();
        byName.forEach((name, rules) -> out.put(name, rules.stream().distinct().sorted(ORDER).toList()));
        return Map.copyOf(out);
    }

    /**
     * The rules at one level (null = global) that name {@code responsibility} or {@code *}: explicit
     * ones first.
     */
    public List<PolicyRule> rulesAt(EntityRef scope, String responsibility) {
        Map<String, List<PolicyRule>> byName = scope == null ? global : scoped.get(scope);
        if (byName == null) return List.of();
        List<PolicyRule> named = byName.getOrDefault(responsibility, List.of());
        List<PolicyRule> any = byName.getOrDefault(Rule.ANY, List.of());
        if (any.isEmpty()) return named;
        if (named.isEmpty()) return any;
        List<PolicyRule> out = new ArrayList<>(named.size() + any.size());
        out.addAll(named);
        for (PolicyRule r : any) {
            if (!named.contains(r)) out.add(r);
        }
        return out;
    }

    public List<OwnershipPolicy> policies() {
        return policies;
    }

    /** The policy defined by the entity {@code ref}, or null. */
    public OwnershipPolicy policy(EntityRef ref) {
        for (OwnershipPolicy p : policies) {
            if (p.ref().equals(ref)) return p;
        }
        return null;
    }
}

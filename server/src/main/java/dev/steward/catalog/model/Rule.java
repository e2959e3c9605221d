package dev.steward.catalog.model;

import java.util.List;
import java.util.Map;

/**
 * One rule of an ownership policy: the responsibilities it covers ({@code *} for all), the parties
 * per role, an optional runbook, whether wider scopes are still consulted, and whether overdue
 * incident follow-ups on the entity block the change ({@code blockIfOverdue}).
 */
public record Rule(EntityRef policy, EntityRef scope, int index, List<String> responsibilities,
                   Map<Role, List<PartySpec>> parties, String runbook, SourceLocation runbookAt,
                   boolean inherit, boolean blockIfOverdue, SourceLocation location) {

    public static final String ANY = "*";

    public List<PartySpec> parties(Role role) {
        return parties.getOrDefault(role, List.of());
    }

    /** True when the rule names the responsibility itself, not only through {@code *}. */
    public boolean namesExplicitly(String responsibility) {
        return responsibilities.contains(responsibility);
    }
}

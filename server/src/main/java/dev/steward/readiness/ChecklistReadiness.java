package dev.steward.readiness;

import java.time.LocalDate;
import java.util.List;

/**
 * One checklist for one entity: the level reached (null below the lowest), whether it reaches the
 * gate, and every check. {@code overdue} is true past {@code dueBy} while not ready.
 */
public record ChecklistReadiness(String checklist, String title, String gate, List<String> levels, String level,
                                 boolean ready, LocalDate dueBy, boolean overdue, List<CheckResult> checks) {

    /** The checks that keep the entity from its gate: not met, counted, at or below the gate. */
    public List<CheckResult> blocking() {
        int gateRank = levels.indexOf(gate);
        return checks.stream().filter(c -> c.counts() && !c.status().met() && levels.indexOf(c.level()) <= gateRank)
                .toList();
    }

    /** Position of the level reached in {@code levels}: -1 below the lowest. */
    public int rank() {
        return level == null ? -1 : levels.indexOf(level);
    }
}

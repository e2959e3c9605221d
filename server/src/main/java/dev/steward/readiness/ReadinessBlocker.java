package dev.steward.readiness;

import dev.steward.catalog.model.EntityRef;
import dev.steward.resolve.Party;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Why a plan may not take an entity to (or keep it in) production: it is not ready. {@code reason}
 * is {@code production} (created with, or changed to, {@code lifecycle: production}) or
 * {@code due} (already in production, past a checklist's {@code dueBy}). Each failing check says who
 * must act and the runbook to follow.
 */
public record ReadinessBlocker(EntityRef entity, Reason reason, String level, List<Gate> checklists,
                               List<Failing> failing) {

    public enum Reason {
        PRODUCTION, DUE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Gate(String checklist, String gate, String level, LocalDate dueBy) {
    }

    public record Failing(String checklist, String check, String title, String level, CheckStatus status,
                          List<Party> mustAct, String runbook, String message) {
    }
}

package dev.steward.readiness;

import dev.steward.catalog.model.EntityRef;
import java.util.List;

/**
 * An entity's readiness over every checklist that applies to it: ready when it is ready for each;
 * {@code level} is that of its weakest checklist (the lowest place in its own levels).
 */
public record EntityReadiness(EntityRef entity, boolean ready, String level, String commit,
                              List<ChecklistReadiness> checklists) {

    static EntityReadiness of(EntityRef entity, String commit, List<ChecklistReadiness> checklists) {
        boolean ready = checklists.stream().allMatch(ChecklistReadiness::ready);
        ChecklistReadiness weakest = null;
        double weakestShare = Double.MAX_VALUE;
        for (ChecklistReadiness c : checklists) {
            double share = (c.rank() + 1) / (double) c.levels().size();
            if (share < weakestShare) {
                weakestShare = share;
                weakest = c;
            }
        }
        return new EntityReadiness(entity, ready, weakest == null ? null : weakest.level(), commit,
                List.copyOf(checklists));
    }

    public ChecklistReadiness checklist(String name) {
        for (ChecklistReadiness c : checklists) {
            if (c.checklist().equals(name)) return c;
        }
        return null;
    }
}

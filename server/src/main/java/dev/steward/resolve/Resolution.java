package dev.steward.resolve;

import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Role;
import java.util.List;

/**
 * The answer to "who approves (or handles) this responsibility for this entity, and why": the
 * shape of {@code GET /api/who} and {@code steward who --json}.
 */
public record Resolution(EntityRef entity, String responsibility, String type, Status status, Party owner,
                         List<Party> approvers, List<Party> responsible, List<Party> consulted,
                         List<Party> informed, String runbook, Via runbookVia, String note, String commit,
                         boolean blockIfOverdue, List<Blocker> blockers, boolean blocked) {

    public Resolution(EntityRef entity, String responsibility, String type, Status status, Party owner,
                      List<Party> approvers, List<Party> responsible, List<Party> consulted, List<Party> informed,
                      String runbook, Via runbookVia, String note, String commit) {
        this(entity, responsibility, type, status, owner, approvers, responsible, consulted, informed, runbook,
                runbookVia, note, commit, false, List.of(), false);
    }

    /**
     * The same answer with the open, overdue incident follow-ups on the entity; it is blocked when a
     * rule asked for {@code blockIfOverdue} and there are some.
     */
    public Resolution withBlockers(List<Blocker> found) {
        return new Resolution(entity, responsibility, type, status, owner, approvers, responsible, consulted, informed,
                runbook, runbookVia, note, commit, blockIfOverdue, List.copyOf(found),
                blockIfOverdue && !found.isEmpty());
    }

    public Resolution withNote(String text) {
        return new Resolution(entity, responsibility, type, status, owner, approvers, responsible, consulted, informed,
                runbook, runbookVia, text, commit, blockIfOverdue, blockers, blocked);
    }

    Resolution blocking(boolean block) {
        return new Resolution(entity, responsibility, type, status, owner, approvers, responsible, consulted, informed,
                runbook, runbookVia, note, commit, block, blockers, blocked);
    }

    public List<Party> parties(Role role) {
        return switch (role) {
            case APPROVERS -> approvers;
            case RESPONSIBLE -> responsible;
            case CONSULTED -> consulted;
            case INFORMED -> informed;
        };
    }
}

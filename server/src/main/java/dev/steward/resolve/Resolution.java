package dev.steward.resolve;

import dev.steward.catalog.EntityRef;
import java.util.List;

/**
 * The answer to "who approves (or handles) this responsibility for this entity, and why": the
 * shape of {@code GET /api/who} and {@code steward who --json}.
 */
public record Resolution(EntityRef entity, String responsibility, String type, Status status, Party owner,
                         List<Party> approvers, List<Party> responsible, List<Party> consulted,
                         List<Party> informed, String runbook, Via runbookVia, String note, String commit) {

    public List<Party> parties(dev.steward.catalog.Role role) {
        return switch (role) {
            case APPROVERS -> approvers;
            case RESPONSIBLE -> responsible;
            case CONSULTED -> consulted;
            case INFORMED -> informed;
        };
    }
}

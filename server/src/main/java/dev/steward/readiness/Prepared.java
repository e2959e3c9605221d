package dev.steward.readiness;

import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.resolve.Party;
import java.util.List;

/**
 * What an entity's readiness takes from the catalog alone: the checklists that apply, each rule
 * check's outcome, and who may attest each attest check. It holds for as long as the entity, its
 * lineage and the rules stay as they are, whatever the evidence and the time; see {@link PreparedCache}.
 */
record Prepared(EntityRef entity, List<Checklist> checklists) {

    record Checklist(ReadinessChecklist checklist, List<Check> checks) {
    }

    /** A rule check's {@code status} and {@code message} (null for attest checks) and the check's parties. */
    record Check(ReadinessChecklist.Check check, CheckStatus status, String message, List<Party> by,
                 List<Party> owner) {
    }
}

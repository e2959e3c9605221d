package dev.steward.plan;

import dev.steward.catalog.model.EntityRef;
import dev.steward.readiness.ReadinessBlocker;
import dev.steward.resolve.Blocker;
import dev.steward.resolve.Via;
import java.util.List;
import java.util.Objects;

/**
 * What a pull request changes and who must approve it: the shape of {@code steward plan --format
 * json} and {@code GET /api/plan}.
 */
public record Plan(String base, String head, boolean satisfied, List<PlanError> errors, List<Change> changes) {

    /** A problem that makes the plan unsatisfiable, such as the head not validating. */
    public record PlanError(String path, int line, String message) {
    }

    /**
     * One change of one entity under one responsibility. {@code change} is {@code added},
     * {@code modified} or {@code removed}; {@code paths} are the fields that made it this
     * responsibility; {@code scope} is set for a {@code policy-change}.
     */
    public record Change(EntityRef entity, String change, String responsibility, List<String> paths, String scope,
                         String status, String note, List<Approver> approvers, String runbook,
                         List<Impacted> impacted, List<Blocker> blockers, boolean satisfied,
                         String location, ReadinessBlocker readiness) {
        /** The same change, held back by the entity's readiness. */
        Change blockedBy(ReadinessBlocker blocker) {
            return new Change(entity, change, responsibility, paths, scope, status, note, approvers, runbook, impacted,
                    blockers, false, location, blocker);
        }
    }

    /** An approver entry, and whether the approvals given satisfy it. */
    public record Approver(EntityRef ref, int min, List<EntityRef> members, List<Via> via, List<EntityRef> approvedBy,
                           boolean satisfied) {
        public int missing() {
            return Math.max(0, min - approvedBy.size());
        }
    }

    /** A downstream entity, and its owner: the blast radius, for information. */
    public record Impacted(EntityRef entity, EntityRef owner) {
    }

    /** The readiness blockers of the plan, one per entity. */
    public List<ReadinessBlocker> readinessBlockers() {
        return changes.stream().map(Change::readiness).filter(Objects::nonNull).distinct().toList();
    }

    public long missingApprovals() {
        return changes.stream().flatMap(c -> c.approvers().stream()).mapToLong(Approver::missing).sum();
    }
}

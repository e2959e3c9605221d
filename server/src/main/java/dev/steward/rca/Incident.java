package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import dev.steward.resolve.Party;
import java.time.Instant;
import java.util.List;

/**
 * An incident as the API answers it: what happened, to which entities, its RCA (owner, reviewers,
 * sign-offs, with the catalog commit they were resolved at), its timeline and its action items.
 */
public record Incident(long id, String title, String severity, String status, List<String> nextStatuses,
                       Instant startedAt, Instant detectedAt, Instant mitigatedAt, Instant resolvedAt, Instant closedAt,
                       List<EntityRef> entities, String commander, String summary, String impact,
                       List<String> rootCauses, List<String> contributingFactors, List<String> lessons,
                       Party rcaOwner, List<Party> rcaReviewers, String rcaCommit, List<SignOff> signOffs,
                       List<TimelineEntry> timeline, List<ActionItem> actions, Instant createdAt, Instant updatedAt) {

    public record TimelineEntry(Instant at, String text, String author) {
    }

    public record SignOff(EntityRef reviewer, Instant at) {
    }
}

package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import dev.steward.resolve.Party;
import dev.steward.store.JsonColumn;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The rows of the incident tables, typed; Jdbi maps them through {@link TextColumns} and {@link JsonColumn}.
 * Public only because Jdbi binds their accessors by reflection.
 */
public final class Rows {
    private Rows() {
    }

    public record IncidentRow(long id, String title, Severity severity, IncidentStatus status, Instant startedAt,
                       Instant detectedAt, Instant mitigatedAt, Instant resolvedAt, Instant closedAt, String commander,
                       String summary, String impact, @JsonColumn List<String> rootCauses,
                       @JsonColumn List<String> contributingFactors, @JsonColumn List<String> lessons,
                       @JsonColumn Party rcaOwner, @JsonColumn List<Party> rcaReviewers, String rcaCommit,
                       Instant createdAt, Instant updatedAt) {
    }

    public record ActionRow(long id, long incidentId, String title, EntityRef owner, Priority priority, LocalDate dueDate,
                     ActionStatus status, String link, Instant createdAt, Instant updatedAt) {
    }

    public record TimelineRow(long id, long incidentId, Instant at, String text, String author) {
    }

    public record SignOffRow(long incidentId, EntityRef reviewer, Instant signedAt) {
    }

    public record EntityRow(long incidentId, int position, EntityRef entityRef) {
    }
}

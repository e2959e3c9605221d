package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import dev.steward.resolve.Party;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.json.Json;

/**
 * The rows of the incident tables, typed; Jdbi maps them through {@link TextColumns} and {@link Json}.
 * Public only because Jdbi binds their accessors by reflection.
 */
public final class Rows {
    private Rows() {
    }

    public record IncidentRow(long id, String title, Severity severity, IncidentStatus status, Instant startedAt,
                       Instant detectedAt, Instant mitigatedAt, Instant resolvedAt, Instant closedAt, String commander,
                       String summary, String impact, @Json List<String> rootCauses,
                       @Json List<String> contributingFactors, @Json List<String> lessons,
                       @Json Party rcaOwner, @Json List<Party> rcaReviewers, String rcaCommit,
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

package dev.steward.rca;

/** The rows of the incident tables, as stored: plain strings, JSON for lists. */
public final class Rows {
    private Rows() {
    }

    public record IncidentRow(long id, String title, String severity, String status, String startedAt, String detectedAt,
                       String mitigatedAt, String resolvedAt, String closedAt, String commander, String summary,
                       String impact, String rootCauses, String contributingFactors, String lessons, String rcaOwner,
                       String rcaReviewers, String rcaCommit, String createdAt, String updatedAt) {
    }

    public record ActionRow(long id, long incidentId, String title, String owner, String priority, String dueDate,
                     String status, String link, String createdAt, String updatedAt) {
    }

    public record TimelineRow(long id, long incidentId, String at, String text, String author) {
    }

    public record SignOffRow(long incidentId, String reviewer, String signedAt) {
    }

    public record EntityRow(long incidentId, int position, String entityRef) {
    }
}

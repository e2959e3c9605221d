package dev.steward.rca;

/** The rows of the incident tables, as stored: plain strings, JSON for lists. */
final class Rows {
    private Rows() {
    }

    record IncidentRow(long id, String title, String severity, String status, String startedAt, String detectedAt,
                       String mitigatedAt, String resolvedAt, String closedAt, String commander, String summary,
                       String impact, String rootCauses, String contributingFactors, String lessons, String rcaOwner,
                       String rcaReviewers, String rcaCommit, String createdAt, String updatedAt) {
    }

    record ActionRow(long id, long incidentId, String title, String owner, String priority, String dueDate,
                     String status, String link, String createdAt, String updatedAt) {
    }

    record TimelineRow(long id, long incidentId, String at, String text, String author) {
    }

    record SignOffRow(long incidentId, String reviewer, String signedAt) {
    }

    record EntityRow(long incidentId, int position, String entityRef) {
    }
}

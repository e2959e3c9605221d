package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import java.time.Instant;

/** A follow-up of an incident: who does what, by when, and whether it is overdue. */
public record ActionItem(long id, long incident, String incidentTitle, String title, EntityRef owner, String priority,
                         String due, String status, boolean overdue, String link, Instant createdAt,
                         Instant updatedAt) {
}

package dev.steward.resolve;

import dev.steward.catalog.model.EntityRef;

/** An open, overdue follow-up of an incident that affected the entity: why a change may be blocked. */
public record Blocker(long action, String title, EntityRef owner, String priority, String due, long incident,
                      String incidentTitle) {
}

package dev.steward.readiness;

import dev.steward.catalog.model.EntityRef;
import java.time.Instant;
import java.time.LocalDate;

/** A check waived for an entity until a date (inclusive), with the reason, by an approver of readiness-waiver. */
public record Waiver(long id, EntityRef entity, String checklist, String check, EntityRef actor, String reason,
                     LocalDate until, Instant createdAt) {
    public boolean activeOn(LocalDate day) {
        return !day.isAfter(until);
    }
}

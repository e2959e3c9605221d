package dev.steward.readiness;

import dev.steward.catalog.model.EntityRef;
import java.time.Instant;
import java.util.Map;

/**
 * A person's statement, with an evidence link, that a check holds for an entity: made at
 * {@code commit} (the catalog then served), with the values of the check's {@code voidOn} paths then.
 */
public record Attestation(long id, EntityRef entity, String checklist, String check, EntityRef actor,
                          String evidence, String note, Instant attestedAt, String commit,
                          Map<String, Object> values) {
}

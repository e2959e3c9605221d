package dev.steward.readiness;

import dev.steward.catalog.model.EntityRef;
import java.util.Map;

/**
 * What platform alignment last observed of each entity: the {@code facts} readiness rules read. A new
 * scan gives a new object, which is how readiness knows to evaluate rules again.
 */
@FunctionalInterface
public interface Facts {
    Facts NONE = ref -> Map.of();

    /** The facts of one entity; an empty map when nothing is known. */
    Map<String, Object> of(EntityRef entity);
}

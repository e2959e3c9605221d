package dev.steward.catalog.load;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.Problem;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Rules beyond Backstage's and Steward's own, run on every entity as its file is read (plugins'
 * validators come in this way). The answer may depend on the entity alone, which keeps reloads
 * incremental.
 */
@FunctionalInterface
public interface EntityValidation {
    EntityValidation NONE = (entity, lineOf) -> List.of();

    /** The problems of {@code entity}; {@code lineOf} gives the line of a dotted field path. */
    List<Problem> validate(Entity entity, ToIntFunction<String> lineOf);
}

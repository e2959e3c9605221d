package dev.steward.plan;

import dev.steward.catalog.model.Entity;
import java.util.List;
import java.util.Set;

/**
 * Refines the responsibilities detected for one modified entity (plugins' {@code ChangeClassifier}s
 * come in this way). A name it adds gets its own change in the plan; a name it drops goes.
 */
@FunctionalInterface
public interface ChangeClassifiers {
    ChangeClassifiers NONE = (before, after, detected) -> new Refined(detected, List.of());

    Refined refine(Entity before, Entity after, Set<String> detected);

    /** The responsibilities to use, and notes on anything that went wrong deciding them. */
    record Refined(Set<String> responsibilities, List<String> notes) {
    }
}

package dev.steward.resolve;

import dev.steward.catalog.model.EntityRef;
import java.util.List;

/** One place a group is named: for this entity and responsibility, in this role, because of these rules. */
public record Assignment(EntityRef entity, String responsibility, String type, int min, List<Via> via) {
}

package dev.steward.resolve;

import dev.steward.catalog.model.EntityRef;
import java.util.List;

/**
 * A resolved party: a group or user, how many distinct eligible members must act ({@code min}),
 * who those eligible members are, and every rule that asked for it.
 */
public record Party(EntityRef ref, int min, List<EntityRef> members, List<Via> via) {
}

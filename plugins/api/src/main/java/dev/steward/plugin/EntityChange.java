package dev.steward.plugin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One entity changed by a pull request.
 *
 * @param entityRef the entity's ref, e.g. {@code api:default/orders-value}
 * @param before the entity's document at the base (plain maps, lists and scalars; read-only)
 * @param after the entity's document at the head
 * @param detected the responsibilities detected so far
 * @param history the entity's earlier documents, newest first, from the base's first-parent history;
 *     computed only when asked for, because it reads Git
 */
public record EntityChange(String entityRef, Map<String, Object> before, Map<String, Object> after,
                           Set<String> detected, Supplier<List<Map<String, Object>>> history) {
}

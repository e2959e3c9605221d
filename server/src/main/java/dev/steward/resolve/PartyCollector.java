package dev.steward.resolve;

import dev.steward.catalog.GroupMembership;
import dev.steward.catalog.model.EntityRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the parties of one role. The same ref appears once: its {@code min} is the largest any
 * rule asked, and its {@code via} lists every rule that asked, in the order they were met.
 */
final class PartyCollector {
    private final Map<EntityRef, Entry> parties = new LinkedHashMap<>();

    void add(EntityRef ref, int min, Via via) {
        Entry entry = parties.computeIfAbsent(ref, k -> new Entry());
        entry.min = Math.max(entry.min, min);
        entry.via.add(via);
    }

    List<Party> parties(GroupMembership groups) {
        List<Party> out = new ArrayList<>(parties.size());
        parties.forEach((ref, e) -> out.add(new Party(ref, e.min, groups.eligibleMembers(ref), List.copyOf(e.via))));
        return List.copyOf(out);
    }

    private static final class Entry {
        int min;
        final List<Via> via = new ArrayList<>(2);
    }
}

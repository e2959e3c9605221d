package dev.steward.alignment.store;

import dev.steward.alignment.Finding;
import dev.steward.catalog.model.EntityRef;
import dev.steward.readiness.Facts;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What alignment knows now, held in memory and swapped whole after each scan: every source's last
 * scan (stale when its last scan failed: its findings are then those of its last good one, with their
 * age), the findings, and the facts of each entity for readiness rules.
 */
public record AlignmentState(List<SourceState> sources, List<Found> findings, Map<EntityRef, Map<String, Object>> facts,
                             long version) implements Facts {
    public static final AlignmentState EMPTY = new AlignmentState(List.of(), List.of(), Map.of(), 0);

    /** A source's last scan; {@code error} set (and {@code stale}) when it could not be read then. */
    public record SourceState(String source, Instant lastScanAt, Instant lastOkAt, String error, long assets) {
        public boolean stale() {
            return error != null;
        }
    }

    /** A finding, when its source last saw it, and whether that source is stale now. */
    public record Found(Finding finding, Instant foundAt, boolean stale) {
    }

    @Override
    public Map<String, Object> of(EntityRef entity) {
        return facts.getOrDefault(entity, Map.of());
    }

    /** The sources that could not be read at their last scan, each with why: what makes a replica degraded. */
    public List<String> unavailable() {
        return sources.stream().filter(SourceState::stale).map(s -> s.source() + ": " + s.error()).toList();
    }
}

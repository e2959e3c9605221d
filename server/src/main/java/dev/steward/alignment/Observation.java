package dev.steward.alignment;

import dev.steward.catalog.model.EntityRef;
import java.time.Instant;
import java.util.List;

/**
 * What one scan of one source gave: its assets, or why it could not be read ({@code error}, with the
 * assets null). A source that fails leaves the last findings it gave in place, marked stale.
 */
public record Observation(String source, EntityRef cluster, List<AssetKind> holds, Instant at, List<LiveAsset> assets,
                          String error) {
    public boolean available() {
        return error == null;
    }
}

package dev.steward.git;

import java.time.Duration;

/** How to follow the catalog in Git: which ref, which folders, how often, how far back to look. */
public record SyncSettings(String ref, String catalogPath, String runbooksPath, Duration poll, long maxFileBytes,
                           int historyDepth) {
    public SyncSettings {
        if (poll.isNegative()) throw new IllegalArgumentException("poll interval must not be negative");
        if (historyDepth < 0) throw new IllegalArgumentException("history depth must not be negative");
    }
}

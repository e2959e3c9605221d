package dev.steward.catalog;

import java.time.Instant;

/**
 * Where the catalog's source stands: the repository and ref followed, the commit the ref points at
 * now ({@code head}), and how the last check went. {@code state} is {@code ok}, {@code starting},
 * {@code head-invalid} (the head does not validate; the last good commit is served) or
 * {@code error} (the source could not be read or fetched). {@code inSyncAt} is the last time the
 * served commit was confirmed to be the head: sync lag is the time since.
 */
public record SyncStatus(String source, String ref, String head, String state, Instant lastCheck, String lastError,
                         long pollSeconds, Instant inSyncAt) {

    public static SyncStatus starting(String source, String ref, long pollSeconds) {
        return new SyncStatus(source, ref, null, "starting", null, null, pollSeconds, null);
    }

    /** After a check; {@code inSyncAt} moves only when the check found the served commit to be the head. */
    public SyncStatus checked(String head, String state, Instant at, String error) {
        return new SyncStatus(source, ref, head, state, at, error, pollSeconds, "ok".equals(state) ? at : inSyncAt);
    }
}

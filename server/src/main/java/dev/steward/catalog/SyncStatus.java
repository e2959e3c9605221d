package dev.steward.catalog;

import java.time.Instant;
import java.util.Locale;

/**
 * Where the catalog's source stands: the repository and ref followed, the commit the ref points at
 * now ({@code head}), and how the last check went ({@link State}). {@code inSyncAt} is the last time
 * the served commit was confirmed to be the head: sync lag is the time since.
 */
public record SyncStatus(String source, String ref, String head, State state, Instant lastCheck, String lastError,
                         long pollSeconds, Instant inSyncAt) {

    /** How the last check of the source went. */
    public enum State {
        /** No check yet. */
        STARTING,
        /** The served commit is the head. */
        OK,
        /** The head does not validate; the last good commit is served. */
        HEAD_INVALID,
        /** The source could not be read or fetched. */
        ERROR;

        /** As the API writes it: {@code ok}, {@code starting}, {@code head-invalid}, {@code error}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static SyncStatus starting(String source, String ref, long pollSeconds) {
        return new SyncStatus(source, ref, null, State.STARTING, null, null, pollSeconds, null);
    }

    /** After a check; {@code inSyncAt} moves only when the check found the served commit to be the head. */
    public SyncStatus checked(String head, State state, Instant at, String error) {
        return new SyncStatus(source, ref, head, state, at, error, pollSeconds, state == State.OK ? at : inSyncAt);
    }
}

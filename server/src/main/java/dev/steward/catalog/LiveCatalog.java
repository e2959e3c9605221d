package dev.steward.catalog;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The catalog being served, swapped atomically. Only a valid catalog is ever served: an invalid
 * one is kept aside as {@code rejected} so its errors can be reported, while readers go on with
 * the last good one. Reads take no lock.
 */
public final class LiveCatalog {

    /** One consistent view: what is served, what was rejected after it (or null), and the sync state. */
    public record State(Catalog served, Catalog rejected, SyncStatus sync) {
    }

    private final AtomicReference<State> state;

    public LiveCatalog(Catalog initial, SyncStatus sync) {
        this.state = new AtomicReference<>(new State(initial, null, sync));
    }

    /** A live catalog that starts empty, for a server whose first load has not finished. */
    public static LiveCatalog empty(SyncStatus sync) {
        return new LiveCatalog(Catalog.empty(null, List.of()), sync);
    }

    public Catalog current() {
        return state.get().served();
    }

    public State state() {
        return state.get();
    }

    /** True once a valid catalog has been served. */
    public boolean hasLoaded() {
        return current().commit() != null;
    }

    /**
     * Offers a freshly loaded catalog: a valid one replaces the served one, an invalid one is only
     * recorded. Returns whether it is now served.
     */
    public boolean offer(Catalog candidate) {
        boolean valid = candidate.isValid();
        state.updateAndGet(s -> valid ? new State(candidate, null, s.sync()) : new State(s.served(), candidate, s.sync()));
        return valid;
    }

    public void updateSync(UnaryOperator<SyncStatus> change) {
        state.updateAndGet(s -> new State(s.served(), s.rejected(), change.apply(s.sync())));
    }
}

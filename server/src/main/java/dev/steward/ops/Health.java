package dev.steward.ops;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Is this replica healthy, degraded, or not ready? Ready once a valid commit is served; degraded
 * while it keeps serving reads but something it depends on fails: the Git source cannot be read or
 * fetched, the head commit does not validate, the store cannot take writes, or a platform source
 * cannot be read (its alignment findings are then stale). Degraded replicas
 * stay in the load balancer (their reads are right) and say why.
 */
public final class Health {
    private final LiveCatalog live;
    private final Database store;
    private final Supplier<List<String>> platform;

    public Health(LiveCatalog live, Database store) {
        this(live, store, List::of);
    }

    /** With the platform sources that cannot be read now ({@code platform} names each, with why). */
    public Health(LiveCatalog live, Database store, Supplier<List<String>> platform) {
        this.live = live;
        this.store = store;
        this.platform = platform;
    }

    /** What a reason is about. */
    public enum Part {
        /** The Git source cannot be read or fetched. */
        GIT,
        /** The head commit does not validate; the last good one is served. */
        CATALOG,
        /** The store cannot take writes. */
        STORE,
        /** A platform source cannot be read; its alignment findings are stale. */
        PLATFORM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One thing that fails, and what it says. */
    public record Reason(Part part, String message) {
        /** For people: {@code git: cannot fetch origin}. */
        public String text() {
            return part.label() + ": " + message;
        }
    }

    /**
     * {@code reasons} are for people, each prefixed with its part; {@code failing[i]} is the part of
     * {@code reasons[i]}, for programs (the UI leaves {@code catalog} to its own banner), so nobody parses
     * the prefixes.
     */
    public record Report(boolean ready, boolean degraded, List<String> reasons, List<String> failing, String commit) {
        static Report of(boolean ready, List<Reason> problems, String commit) {
            return new Report(ready, !problems.isEmpty(), problems.stream().map(Reason::text).toList(),
                    problems.stream().map(r -> r.part().label()).toList(), commit);
        }
    }

    public Report report() {
        LiveCatalog.State state = live.state();
        List<Reason> reasons = new ArrayList<>();
        if (state.sync().state() == SyncStatus.State.ERROR) {
            reasons.add(new Reason(Part.GIT, state.sync().lastError() == null ? "the source cannot be read"
                    : state.sync().lastError()));
        }
        if (state.rejected() != null) {
            reasons.add(new Reason(Part.CATALOG, "head " + state.rejected().commit() + " does not validate ("
                    + state.rejected().errors().size() + " errors); serving " + state.served().commit()));
        }
        if (store != null) {
            String storeProblem = store.health();
            if (storeProblem != null) reasons.add(new Reason(Part.STORE, storeProblem));
        }
        for (String source : platform.get()) reasons.add(new Reason(Part.PLATFORM, source));
        boolean ready = state.served().commit() != null;
        return Report.of(ready, reasons, state.served().commit());
    }
}

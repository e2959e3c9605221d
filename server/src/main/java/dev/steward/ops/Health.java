package dev.steward.ops;

import dev.steward.catalog.LiveCatalog;
import dev.steward.store.Database;
import java.util.ArrayList;
import java.util.List;

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
    private final java.util.function.Supplier<List<String>> platform;

    public Health(LiveCatalog live, Database store) {
        this(live, store, List::of);
    }

    /** With the platform sources that cannot be read now ({@code platform} names each, with why). */
    public Health(LiveCatalog live, Database store, java.util.function.Supplier<List<String>> platform) {
        this.live = live;
        this.store = store;
        this.platform = platform;
    }

    public record Report(boolean ready, boolean degraded, List<String> reasons, String commit) {
    }

    public Report report() {
        LiveCatalog.State state = live.state();
        List<String> reasons = new ArrayList<>();
        String sync = state.sync().state();
        if ("error".equals(sync)) {
            reasons.add("git: " + (state.sync().lastError() == null ? "the source cannot be read" : state.sync().lastError()));
        }
        if (state.rejected() != null) {
            reasons.add("catalog: head " + state.rejected().commit() + " does not validate ("
                    + state.rejected().errors().size() + " errors); serving " + state.served().commit());
        }
        if (store != null) {
            String storeProblem = store.health();
            if (storeProblem != null) reasons.add("store: " + storeProblem);
        }
        for (String source : platform.get()) reasons.add("platform: " + source);
        boolean ready = state.served().commit() != null;
        return new Report(ready, !reasons.isEmpty(), List.copyOf(reasons), state.served().commit());
    }
}

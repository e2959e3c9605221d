package dev.steward.readiness;

import dev.steward.catalog.Catalog;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The readiness index of what is served now: the served catalog, the evidence in memory, the time.
 * Reading it takes no lock and queries nothing; when any of the three has moved on, the next reader
 * builds a new index (evaluated lazily) and swaps it in.
 */
public final class LiveReadiness {
    private final Supplier<Catalog> catalog;
    private final Supplier<Evidence> evidence;
    private final Voids voids;
    private final Clock clock;
    private final AtomicReference<ReadinessIndex> current = new AtomicReference<>();
    private final AtomicReference<PreparedCache> prepared = new AtomicReference<>();

    public LiveReadiness(Supplier<Catalog> catalog, Supplier<Evidence> evidence, Voids voids, Clock clock) {
        this.catalog = catalog;
        this.evidence = evidence;
        this.voids = voids;
        this.clock = clock;
    }

    public ReadinessIndex current() {
        Catalog served = catalog.get();
        Evidence known = evidence.get();
        Instant now = clock.instant();
        ReadinessIndex index = current.get();
        if (index != null && index.holdsFor(served, known, now)) return index;
        ReadinessIndex next = new ReadinessIndex(new ReadinessEvaluator(served, voids, ref -> Map.of(), cacheFor(served)),
                known, now);
        current.compareAndSet(index, next);
        return next;
    }

    /** The prepared cache of {@code served}, carried over from the last one where the change allows. */
    private PreparedCache cacheFor(Catalog served) {
        PreparedCache last = prepared.get();
        if (last != null && last.catalog() == served) return last;
        PreparedCache next = last == null ? PreparedCache.empty(served) : last.next(served);
        prepared.compareAndSet(last, next);
        return next;
    }

    /**
     * Evaluates every entity of the served catalog in the background, so the first page after a start
     * or a reload does not wait for it; what a reload did not touch is carried over, not evaluated again.
     */
    public void warm(java.util.concurrent.Executor executor) {
        executor.execute(() -> current().all());
    }

    public Voids voids() {
        return voids;
    }

    public Clock clock() {
        return clock;
    }
}

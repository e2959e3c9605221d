package dev.steward.readiness;

import dev.steward.catalog.Catalog;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;
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
    private final Supplier<Facts> facts;
    private final Voids voids;
    private final Clock clock;
    private final AtomicReference<ReadinessIndex> current = new AtomicReference<>();
    private final AtomicReference<PreparedCache> prepared = new AtomicReference<>();

    public LiveReadiness(Supplier<Catalog> catalog, Supplier<Evidence> evidence, Voids voids, Clock clock) {
        this(catalog, evidence, () -> Facts.NONE, voids, clock);
    }

    /** With the facts platform alignment observed ({@code facts} gives a new object after each scan). */
    public LiveReadiness(Supplier<Catalog> catalog, Supplier<Evidence> evidence, Supplier<Facts> facts, Voids voids,
                         Clock clock) {
        this.catalog = catalog;
        this.evidence = evidence;
        this.facts = facts;
        this.voids = voids;
        this.clock = clock;
    }

    public ReadinessIndex current() {
        Catalog served = catalog.get();
        Evidence known = evidence.get();
        Facts observed = facts.get();
        Instant now = clock.instant();
        ReadinessIndex index = current.get();
        if (index != null && index.holdsFor(served, known, now) && index.facts() == observed) return index;
        ReadinessIndex next = new ReadinessIndex(new ReadinessEvaluator(served, voids, observed::of,
                cacheFor(served, observed)), known, now);
        current.compareAndSet(index, next);
        return next;
    }

    /** The prepared cache of {@code served}, carried over from the last one where the change allows. */
    private PreparedCache cacheFor(Catalog served, Facts observed) {
        PreparedCache last = prepared.get();
        if (last != null && last.catalog() == served && last.facts() == observed) return last;
        // New facts can change any rule's outcome: start afresh (scans are minutes apart).
        PreparedCache next = last == null || last.facts() != observed ? PreparedCache.empty(served, observed)
                : last.next(served);
        prepared.compareAndSet(last, next);
        return next;
    }

    /**
     * Evaluates every entity of the served catalog in the background, so the first page after a start
     * or a reload does not wait for it; what a reload did not touch is carried over, not evaluated again.
     */
    public void warm(Executor executor) {
        executor.execute(() -> current().all());
    }

    public Voids voids() {
        return voids;
    }

    public Clock clock() {
        return clock;
    }
}

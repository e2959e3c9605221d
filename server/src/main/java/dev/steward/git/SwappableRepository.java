package dev.steward.git;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.Repository;

/**
 * The JGit repository behind a {@link CatalogRepository}, which a repair of its clone cache may
 * replace while HTTP threads read through it. Each read holds a {@link Lease} for as long as it
 * runs; a replacement swaps the new repository in at once and closes the old one only when its
 * last lease is given back, so no read runs on a closed repository and a repair never waits for
 * readers. Taking and giving back a lease is a compare-and-set on a counter: reads stay cheap.
 */
public final class SwappableRepository {
    /** A repository and how many hold it: this holder while it is current, plus one per open lease. */
    private static final class Counted {
        final Repository repository;
        final AtomicInteger holders = new AtomicInteger(1);
        volatile boolean closed;

        Counted(Repository repository) {
            this.repository = repository;
        }

        /** False once the count has reached zero: the repository is closed or about to be. */
        boolean tryHold() {
            for (int n = holders.get(); n > 0; n = holders.get()) {
                if (holders.compareAndSet(n, n + 1)) return true;
            }
            return false;
        }

        void release() {
            if (holders.decrementAndGet() == 0) {
                closed = true;
                repository.close();
            }
        }
    }

    /** The repository as it was when the lease was taken, open until the lease is closed. */
    public static final class Lease implements AutoCloseable {
        private final Counted held;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(Counted held) {
            this.held = held;
        }

        public Repository repository() {
            return held.repository;
        }

        /** For tests: whether the repository this lease was taken on has been closed. */
        boolean repositoryClosed() {
            return held.closed;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) held.release();
        }
    }

    private volatile Counted current;
    private final AtomicBoolean closed = new AtomicBoolean();

    SwappableRepository(Repository repository) {
        this.current = new Counted(repository);
    }

    /** Holds the current repository open until the lease is closed. */
    public Lease lease() {
        while (true) {
            Counted counted = current;
            if (counted.tryHold()) return new Lease(counted);
            // Its count reached zero: either a replacement swapped it out after we read it (take the
            // new one), or this was closed.
            if (counted == current) throw new IllegalStateException("the repository is closed");
        }
    }

    /** Swaps {@code fresh} in; the old repository is closed once no lease holds it any more. */
    synchronized void replace(Repository fresh) {
        if (closed.get()) {
            fresh.close();
            throw new IllegalStateException("the repository is closed");
        }
        Counted old = current;
        current = new Counted(fresh); // before the release, so a lease that misses the old one finds this
        old.release();
    }

    /** Closes the current repository once the reads that hold it are done. */
    synchronized void close() {
        if (closed.compareAndSet(false, true)) current.release();
    }
}

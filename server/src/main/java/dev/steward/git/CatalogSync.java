package dev.steward.git;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.model.Problem;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link LiveCatalog} in step with a ref in Git. Every check fetches (for a remote),
 * resolves the ref and, when it moved, loads the new commit; a commit that does not validate is
 * reported and the last good one stays served. All loads run on one thread, and requests made
 * while one is pending collapse into it.
 */
public final class CatalogSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSync.class);

    private final CatalogRepository repository;
    private final SyncSettings settings;
    private final ManifestLoader loader;
    private final LiveCatalog live;
    private final Consumer<LoadAttempt> observer;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile ObjectId lastAttempted;
    /** The last catalog built from a commit, served or rejected: the base of the next incremental reload. */
    private Catalog lastBuilt;

    public CatalogSync(CatalogRepository repository, SyncSettings settings, ManifestLoader loader, LiveCatalog live,
                       Consumer<LoadAttempt> observer, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.loader = loader;
        this.live = live;
        this.observer = observer;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "steward-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the head now, on the caller's thread; if it does not validate, serves the newest good ancestor. */
    public synchronized void loadInitial() {
        checkNow();
        if (!live.hasLoaded() && lastAttempted != null) {
            serveLastGoodAncestor(lastAttempted);
        }
    }

    /** Starts polling at the configured interval (none when it is zero). */
    public void start() {
        long millis = settings.poll().toMillis();
        if (millis > 0) {
            executor.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Asks for a fetch and reload soon; requests made while one is waiting are merged into it. */
    public void requestCheck() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                checkQuietly();
            });
        }
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.error("catalog check failed", e);
        }
    }

    /** The last check found the clone cache damaged: this one clones it anew if it still is. */
    private boolean damagedAtLastCheck;

    /** Fetches, resolves the ref and loads it if it moved. Returns true when a new commit was served. */
    public synchronized boolean checkNow() {
        Instant at = clock.instant();
        ObjectId head;
        try {
            head = fetchAndResolve();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {} at {}: {}", repository.location(), settings.ref(), e.getMessage());
            live.updateSync(s -> s.checked(s.head(), SyncStatus.State.ERROR, at, e.getMessage()));
            return false;
        }
        if (head.equals(lastAttempted)) {
            live.updateSync(s -> s.checked(head.name(), s.state() == SyncStatus.State.ERROR ? stateAfterLoad() : s.state(), at, null));
            return false;
        }
        lastAttempted = head;
        boolean served;
        try {
            served = load(head, at);
        } catch (IOException e) {
            lastAttempted = null; // a read fault says nothing of the commit: the next check loads it again
            live.updateSync(s -> s.checked(head.name(), SyncStatus.State.ERROR, at, e.getMessage()));
            return false;
        }
        live.updateSync(s -> s.checked(head.name(), served ? SyncStatus.State.OK : stateAfterLoad(), at, null));
        return served;
    }

    /**
     * Fetches and resolves the ref. A clone cache found damaged is reported (the replica is degraded
     * meanwhile, still serving the snapshot it has) and cloned anew at the next check: one bad read
     * never triggers a clone, two in a row do.
     */
    private ObjectId fetchAndResolve() throws IOException {
        Exception failure;
        try {
            repository.fetch();
            ObjectId head = repository.resolve(settings.ref());
            if (!repository.isBroken(settings.ref())) {
                damagedAtLastCheck = false;
                return head;
            }
            failure = new IOException("objects of " + settings.ref() + " are missing or unreadable");
        } catch (IOException | RuntimeException e) {
            if (!repository.isBroken(settings.ref())) throw e;
            failure = e;
        }
        if (!damagedAtLastCheck) {
            damagedAtLastCheck = true;
            throw new IOException("the clone cache of " + repository.location()
                    + " is damaged; it will be cloned anew at the next check (" + failure.getMessage() + ")", failure);
        }
        if (!repository.repairIfBroken(settings.ref())) {
            throw new IOException("the clone cache of " + repository.location() + " is damaged and could not be "
                    + "cloned anew yet (" + failure.getMessage() + ")", failure);
        }
        LOG.warn("the clone cache of {} was damaged and has been cloned anew", repository.location());
        damagedAtLastCheck = false;
        repository.fetch();
        return repository.resolve(settings.ref());
    }

    private SyncStatus.State stateAfterLoad() {
        return live.state().rejected() == null ? SyncStatus.State.OK : SyncStatus.State.HEAD_INVALID;
    }

    /**
     * Loads {@code commit} and offers it to the live catalog; true when it is now served. A Git read
     * fault is no verdict on the commit: it is recorded as a failed load and thrown, and what is
     * served stays as it was.
     */
    private boolean load(ObjectId commit, Instant at) throws IOException {
        long start = System.nanoTime();
        Catalog catalog;
        boolean incremental = lastBuilt != null;
        try {
            Catalog base = lastBuilt;
            catalog = GitReadException.unwrapping(() -> incremental
                    ? loader.apply(base, repository.diff(ObjectId.fromString(base.commit()), commit,
                            settings.catalogPath(), settings.runbooksPath(), settings.maxFileBytes()))
                    : loader.load(repository.read(commit, settings.catalogPath(), settings.runbooksPath(),
                            settings.maxFileBytes())));
            lastBuilt = catalog;
        } catch (IOException e) {
            LOG.error("cannot read commit {}; still serving {}", commit.name(), live.current().commit(), e);
            observer.accept(new LoadAttempt(commit.name(), settings.ref(), at, (System.nanoTime() - start) / 1_000_000,
                    LoadAttempt.Outcome.FAILED, 0, 0, e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            LOG.error("cannot load commit {}", commit.name(), e);
            catalog = Catalog.empty(commit.name(), List.of(Problem.error(settings.catalogPath(), 1,
                    "cannot read commit " + commit.name() + ": " + e.getMessage())));
        }
        boolean served = live.offer(catalog);
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<Problem> errors = catalog.errors();
        if (served) {
            LOG.info("serving {} ({} entities, {} in {} ms)", commit.name(), catalog.size(),
                    incremental ? "reloaded incrementally" : "loaded", millis);
        } else {
            LOG.warn("commit {} does not validate ({} errors; first: {}); still serving {}", commit.name(),
                    errors.size(), errors.isEmpty() ? "-" : errors.get(0).format(), live.current().commit());
        }
        observer.accept(new LoadAttempt(commit.name(), settings.ref(), at, millis,
                served ? LoadAttempt.Outcome.SERVED : LoadAttempt.Outcome.REJECTED, catalog.size(), errors.size(),
                errors.isEmpty() ? null : errors.get(0).format()));
        return served;
    }

    /**
     * On a cold start whose head does not validate, there is no last good snapshot in memory: find it
     * in history instead, so the server answers from the newest commit that does validate.
     */
    private void serveLastGoodAncestor(ObjectId head) {
        Catalog rejectedHead = live.state().rejected();
        try {
            for (ObjectId ancestor : repository.firstParentHistory(head, settings.historyDepth())) {
                if (load(ancestor, clock.instant())) {
                    live.updateSync(s -> s.checked(head.name(), SyncStatus.State.HEAD_INVALID, s.lastCheck(), null));
                    return;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot walk history of {}: {}", head.name(), e.getMessage(), e);
        } finally {
            if (rejectedHead != null) live.offer(rejectedHead); // report the head's errors, not an ancestor's
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        repository.close();
    }
}

package dev.steward.alignment.iceberg;

import dev.steward.alignment.PlatformSource.SourceUnavailable;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The catalog calls of one observation, each run on a worker thread and given up on after the
 * timeout: a call that does not answer is abandoned whatever the client does, and its worker left to
 * finish on its own. Any failure is a {@link SourceUnavailable} naming the source, with the cause kept.
 */
final class Bounded {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String source;
    private final Duration timeout;
    private final ExecutorService worker;
    private boolean timedOut;

    /** {@code source} is the name failures give; {@code timeout} bounds each call, not all of them. */
    Bounded(String source, Duration timeout) {
        this.source = source;
        this.timeout = timeout;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "iceberg-source-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code call} on the worker; {@code what} it was doing is what a failure says. */
    <T> T run(String what, Callable<T> call) throws SourceUnavailable {
        Future<T> future = worker.submit(call);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            timedOut = true;
            future.cancel(true);
            throw new SourceUnavailable(source + ": no answer within " + timeout.toMillis() + " ms while "
                    + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SourceUnavailable(source + ": failed while " + what + ": " + describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new SourceUnavailable(source + ": interrupted while " + what, e);
        }
    }

    /**
     * Stops the worker and closes the client it opened ({@code client} gives it, or null): at once, or,
     * when a call timed out, aside once the worker is done.
     */
    void shutdown(Supplier<?> client) {
        worker.shutdownNow();
        if (timedOut) {
            // The worker may still be inside the client: close it aside, once the worker is done.
            Thread t = new Thread(() -> {
                try {
                    worker.awaitTermination(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closeQuietly(client.get());
            }, "iceberg-source-close");
            t.setDaemon(true);
            t.start();
        } else {
            closeQuietly(client.get());
        }
    }

    /** The failure and, when it wraps another, the innermost one: "RESTException: … (Connection refused)". */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        Set<Throwable> seen = new HashSet<>();
        while (root.getCause() != null && seen.add(root)) root = root.getCause();
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? text : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static void closeQuietly(Object client) {
        if (!(client instanceof AutoCloseable closeable)) return;
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing more to do with a client that is being dropped
        }
    }
}

package dev.steward.ops;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a running server, stopped in the reverse order of their start, as Kafka's clients close
 * theirs: what was started last (the HTTP server, the timers) stops first, and what everything else uses
 * (the store) stops last, so no timer ever writes to a closed database. A part that fails to stop is
 * logged with its cause and the others still stop.
 */
public final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private record Part(String name, AutoCloseable stop) {
    }

    private final Deque<Part> started = new ArrayDeque<>();
    private boolean closed;

    /** Records {@code part} as started now; returns it. */
    public synchronized <T extends AutoCloseable> T started(String name, T part) {
        if (closed) throw new IllegalStateException("cannot start " + name + ": stopping");
        started.push(new Part(name, part));
        return part;
    }

    /** Records how to stop something that is not itself closeable. */
    public synchronized void onStop(String name, AutoCloseable stop) {
        started(name, stop);
    }

    /** Stops every part, the last started first. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            Part part = started.pop();
            try {
                part.stop().close();
            } catch (Exception e) {
                LOG.warn("could not stop {}: {}", part.name(), e.toString(), e);
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            }
        }
    }
}

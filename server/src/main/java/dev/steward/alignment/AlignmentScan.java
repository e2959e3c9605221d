package dev.steward.alignment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One scan: every source observed at once, each on its own thread and bounded by the timeout, so one
 * slow source never delays the others; a source that fails or does not answer in time gives an
 * {@link Observation} with the error instead of assets.
 */
public final class AlignmentScan {
    /** How long past its own timeout a source may take before the scan stops waiting for it. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private AlignmentScan() {
    }

    public static List<Observation> observe(List<PlatformSource> sources, Duration timeout, Clock clock) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, sources.size()), r -> {
            Thread t = new Thread(r, "steward-align");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<LiveAsset>>> running = new ArrayList<>();
            for (PlatformSource s : sources) running.add(pool.submit(() -> s.observe(timeout)));
            long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
            List<Observation> out = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                PlatformSource s = sources.get(i);
                Instant at = clock.instant();
                try {
                    List<LiveAsset> assets = running.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    out.add(new Observation(s.name(), s.cluster(), s.holds(), at, List.copyOf(assets), null));
                } catch (TimeoutException e) {
                    running.get(i).cancel(true);
                    out.add(failed(s, at, "did not answer within " + timeout.toSeconds() + " s"));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    out.add(failed(s, at, cause instanceof PlatformSource.SourceUnavailable ? cause.getMessage()
                            : cause.getClass().getSimpleName() + ": " + cause.getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(failed(s, at, "interrupted"));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Observation failed(PlatformSource s, Instant at, String error) {
        return new Observation(s.name(), s.cluster(), s.holds(), at, null, error);
    }
}

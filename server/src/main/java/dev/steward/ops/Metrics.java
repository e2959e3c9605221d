package dev.steward.ops;

import dev.steward.alignment.Finding;
import dev.steward.alignment.store.AlignmentState;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.rca.IncidentService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Steward's metrics in Prometheus' format, through Micrometer: reloads (duration and result), the
 * served snapshot's size, request latency by route, incidents and action items, and sync lag.
 * Counts that need the store are read at most every 10 s, so a scrape never loads the database.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    /** Micrometer holds gauge state weakly: these fields keep it alive as long as the metrics. */
    private final LiveCatalog live;
    private Cached<Map<String, Long>> incidentsByStatus;
    private Cached<long[]> actionCounts;

    public Metrics(LiveCatalog live, IncidentService incidents, Clock clock) {
        this.clock = clock;
        this.live = live;
        Gauge.builder("steward_snapshot_entities", live, l -> l.current().size())
                .description("Entities in the served snapshot").register(registry);
        Gauge.builder("steward_snapshot_loaded_timestamp_seconds", live,
                        l -> l.current().commit() == null ? 0 : l.current().loadedAt().getEpochSecond())
                .description("When the served snapshot was loaded").register(registry);
        Gauge.builder("steward_sync_lag_seconds", live, this::syncLag)
                .description("Seconds since the served commit was last confirmed to be the head of the followed ref")
                .register(registry);
        Gauge.builder("steward_head_valid", live, l -> l.state().rejected() == null ? 1 : 0)
                .description("0 while the head commit does not validate and an older one is served").register(registry);
        if (incidents != null) {
            Cached<Map<String, Long>> byStatus = new Cached<>(Duration.ofSeconds(10), clock, incidents::countByStatus);
            incidentsByStatus = byStatus;
            for (String status : List.of("open", "mitigated", "resolved", "postmortem", "closed")) {
                Gauge.builder("steward_incidents", byStatus, c -> c.get().getOrDefault(status, 0L))
                        .tag("status", status).description("Incidents by status").register(registry);
            }
            Cached<long[]> actions = new Cached<>(Duration.ofSeconds(10), clock, incidents::openAndOverdueActions);
            actionCounts = actions;
            Gauge.builder("steward_action_items_open", actions, c -> c.get()[0]).register(registry);
            Gauge.builder("steward_action_items_overdue", actions, c -> c.get()[1]).register(registry);
        }
    }

    private double syncLag(LiveCatalog live) {
        Instant inSync = live.state().sync().inSyncAt();
        return inSync == null ? 0 : Math.max(0, Duration.between(inSync, clock.instant()).toMillis() / 1000.0);
    }

    /** One alignment scan: its duration, the findings by kind and source, and whether each source could be read. */
    public void aligned(AlignmentState state, Duration took) {
        Timer.builder("steward_alignment_scan_seconds").description("Time to scan every platform source")
                .register(registry).record(took);
        Map<List<String>, Long> counts = new HashMap<>();
        state.sources().forEach(s -> Arrays.stream(Finding.Kind.values())
                .forEach(k -> counts.put(List.of(k.label(), s.source()), 0L)));
        state.findings().forEach(f -> counts.merge(List.of(f.finding().kind().label(), f.finding().source()),
                1L, Long::sum));
        alignmentFindings.register(counts.entrySet().stream().map(e -> MultiGauge.Row.of(
                Tags.of("kind", e.getKey().get(0), "source", e.getKey().get(1)), e.getValue())).toList(), true);
        sourceUp.register(state.sources().stream().map(s -> MultiGauge.Row.of(Tags.of("source", s.source()),
                s.stale() ? 0 : 1)).toList(), true);
    }

    private final MultiGauge alignmentFindings = MultiGauge.builder("steward_alignment_findings")
            .description("Alignment findings of the last scans, by kind and source").register(registry);
    private final MultiGauge sourceUp = MultiGauge.builder("steward_alignment_source_up")
            .description("1 when the platform source could be read at its last scan").register(registry);

    /** One load attempt: its duration, by result. */
    public void reload(LoadAttempt attempt) {
        Timer.builder("steward_reload_seconds").description("Time to load or reload a commit, by result")
                .tag("result", attempt.outcome().label()).register(registry).record(attempt.millis(), TimeUnit.MILLISECONDS);
    }

    /** One HTTP request, by route template (not the raw path, so the series stay few). */
    public void request(String method, String route, int status, long nanos) {
        String key = method + ' ' + status + ' ' + route;
        Timer timer = requestTimers.get(key);
        if (timer == null) {
            timer = requestTimers.computeIfAbsent(key, k -> Timer.builder("steward_http_request_seconds")
                    .description("HTTP request latency by route").tag("method", method).tag("route", route)
                    .tag("status", Integer.toString(status)).publishPercentiles(0.5, 0.99).register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Timers by method, status and route: found without building a meter id on every request. */
    private final ConcurrentHashMap<String, Timer> requestTimers =
            new ConcurrentHashMap<>();

    public String scrape() {
        return registry.scrape();
    }

    /** A value read at most once per period. */
    private static final class Cached<T> {
        private final Duration period;
        private final Clock clock;
        private final Supplier<T> source;
        private final AtomicReference<Object[]> value = new AtomicReference<>();

        Cached(Duration period, Clock clock, Supplier<T> source) {
            this.period = period;
            this.clock = clock;
            this.source = source;
        }

        @SuppressWarnings("unchecked")
        T get() {
            Object[] v = value.get();
            Instant now = clock.instant();
            if (v == null || now.isAfter((Instant) v[0])) {
                try {
                    v = new Object[] {now.plus(period), source.get()};
                    value.set(v);
                } catch (RuntimeException e) {
                    if (v == null) throw e; // the store is down: keep the last counts
                }
            }
            return (T) v[1];
        }
    }
}

package dev.steward.alignment.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.alignment.AlignmentCheck;
import dev.steward.alignment.AlignmentScan;
import dev.steward.alignment.Finding;
import dev.steward.alignment.Observation;
import dev.steward.alignment.PlatformSettings;
import dev.steward.alignment.PlatformSource;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.model.EntityRef;
import dev.steward.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's alignment: scans the configured sources against the served catalog every
 * {@code scanEvery}, replaces in the store the findings and facts of each source it could read (one
 * transaction), keeps those of a source that failed (stale, with their age), and holds the result in
 * memory as an {@link AlignmentState}, so answers never query the store.
 */
public final class AlignmentService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlignmentService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final LiveCatalog live;
    private final PlatformSettings settings;
    private final List<PlatformSource> sources;
    private final Clock clock;
    private volatile AlignmentState state;
    private ScheduledExecutorService timer;
    private volatile ScanListener listener = (before, after, took) -> { };

    /** Told after each scan, on the scanning thread: metrics and notifications. */
    @FunctionalInterface
    public interface ScanListener {
        void scanned(AlignmentState before, AlignmentState after, Duration took);
    }

    public void onScan(ScanListener value) {
        this.listener = value;
    }

    public AlignmentService(Database db, LiveCatalog live, PlatformSettings settings, List<PlatformSource> sources,
                            Clock clock) {
        this.db = db;
        this.live = live;
        this.settings = settings;
        this.sources = List.copyOf(sources);
        this.clock = clock;
        this.state = load(0);
    }

    public AlignmentState state() {
        return state;
    }

    public boolean configured() {
        return !sources.isEmpty();
    }

    /** One scan now: observe, compare with the served catalog, record, swap the state. */
    public synchronized AlignmentState scan() {
        long started = System.nanoTime();
        AlignmentState before = state;
        List<Observation> observations = AlignmentScan.observe(sources, settings.timeout(), clock);
        AlignmentCheck.Result result = AlignmentCheck.check(live.current(), observations);
        Instant now = clock.instant();
        db.write(h -> {
            AlignmentDao dao = h.attach(AlignmentDao.class);
            for (Observation o : observations) {
                Instant lastOk = o.available() ? o.at() : lastOk(o.source());
                dao.deleteSource(o.source());
                dao.insertSource(new AlignmentDao.SourceRow(o.source(), o.at().toString(),
                        lastOk == null ? null : lastOk.toString(), o.error(), o.assets() == null ? 0 : o.assets().size()));
                if (!o.available()) continue;
                dao.deleteFindings(o.source());
                dao.deleteFacts(o.source());
                for (Finding f : result.findings()) {
                    if (!f.source().equals(o.source())) continue;
                    dao.insertFinding(new AlignmentDao.FindingRow(f.source(), f.kind().label(), str(f.entity()), f.asset(),
                            f.field(), json(f.declared()), json(f.actual()), str(f.owner()), now.toString()));
                }
            }
            result.facts().forEach((entity, facts) -> {
                String source = result.factSources().get(entity);
                dao.insertFact(new AlignmentDao.FactRow(source, entity.toString(), json(facts), now.toString()));
            });
            return null;
        });
        state = load(state.version() + 1);
        try {
            listener.scanned(before, state, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            LOG.warn("telling of an alignment scan failed", e);
        }
        return state;
    }

    /** Scans every {@code scanEvery}; a failed scan is logged and the last state kept. */
    public void start() {
        if (sources.isEmpty()) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "steward-align-scan");
            t.setDaemon(true);
            return t;
        });
        long every = settings.scanEvery().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                scan();
            } catch (RuntimeException e) {
                LOG.warn("alignment scan failed; keeping the last findings: {}", e.toString());
            }
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
        for (int i = sources.size() - 1; i >= 0; i--) sources.get(i).close();
    }

    private Instant lastOk(String source) {
        for (AlignmentState.SourceState s : state.sources()) {
            if (s.source().equals(source)) return s.lastOkAt();
        }
        return null;
    }

    private AlignmentState load(long version) {
        return db.read(h -> {
            AlignmentDao dao = h.attach(AlignmentDao.class);
            List<AlignmentState.SourceState> sourceStates = new ArrayList<>();
            Map<String, Boolean> stale = new HashMap<>();
            for (AlignmentDao.SourceRow r : dao.sources()) {
                sourceStates.add(new AlignmentState.SourceState(r.source(), Instant.parse(r.lastScanAt()),
                        r.lastOkAt() == null ? null : Instant.parse(r.lastOkAt()), r.error(), r.assets()));
                stale.put(r.source(), r.error() != null);
            }
            List<AlignmentState.Found> found = new ArrayList<>();
            for (AlignmentDao.FindingRow r : dao.findings()) {
                found.add(new AlignmentState.Found(new Finding(Finding.Kind.valueOf(r.kind().toUpperCase(Locale.ROOT)),
                        ref(r.entityRef()), r.source(), r.asset(), r.field(), value(r.declared()), value(r.actual()),
                        ref(r.owner())), Instant.parse(r.foundAt()), stale.getOrDefault(r.source(), false)));
            }
            Map<EntityRef, Map<String, Object>> facts = new LinkedHashMap<>();
            for (AlignmentDao.FactRow r : dao.facts()) {
                facts.computeIfAbsent(EntityRef.parse(r.entityRef()), k -> new LinkedHashMap<>()).putAll(map(r.facts()));
            }
            return new AlignmentState(List.copyOf(sourceStates), List.copyOf(found), Map.copyOf(facts), version);
        });
    }

    private static EntityRef ref(String text) {
        return text == null ? null : EntityRef.parse(text);
    }

    private static String str(EntityRef ref) {
        return ref == null ? null : ref.toString();
    }

    private static String json(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot record " + value, e);
        }
    }

    private static Object value(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alignment_finding holds a value that is not JSON: " + json, e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alignment_fact holds facts that are not a JSON object: " + json, e);
        }
    }
}

package dev.steward.bench;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.model.EntityRef;
import dev.steward.git.CatalogRepository;
import dev.steward.git.CatalogSync;
import dev.steward.git.SyncSettings;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Read load under reload churn: a server over a generated catalog in Git, clients sending
 * {@code /healthz}, {@code who} and {@code /api/entities} requests for a fixed time per phase, while a
 * commit moving one table to another team is pushed every second and reloaded. Reports throughput and
 * latency per phase, the ratio of {@code who} to {@code /healthz} throughput, errors, and answers that
 * do not match the commit they name (a half-loaded snapshot would show up there).
 *
 * <pre>java -Xmx4g -cp bench/target/steward-bench.jar dev.steward.bench.LoadHarness [entities] [seconds] [clients]</pre>
 */
public final class LoadHarness {
    private static final String TRACKED = "table-0";
    private static final String[] OWNERS = {"team-1", "team-3"};

    record Phase(String name, long requests, long errors, long inconsistent, double seconds, long[] nanos) {
        double throughput() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            if (nanos.length == 0) return 0;
            return nanos[Math.min(nanos.length - 1, (int) (nanos.length * p))] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        System.exit(run(size, seconds, clients) ? 0 : 1);
    }

    /** Runs the load; true when every target is met. */
    public static boolean run(int size, int seconds, int clients) throws Exception {
        Path dir = Files.createTempDirectory("steward-load-" + size);
        CatalogGenerator generator = new CatalogGenerator(size);
        generator.writeRepository(dir);
        System.out.printf("JVM %s, %d cores, max heap %d MB; %,d entities in %s; %d clients, %d s per phase%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, generator.entityCount(), dir, clients, seconds);

        LiveCatalog live = LiveCatalog.empty(SyncStatus.starting(dir.toString(), "main", 0));
        List<LoadAttempt> reloads = new CopyOnWriteArrayList<>();
        SyncSettings settings = new SyncSettings("main", "catalog-yaml", "runbooks", Duration.ZERO, 16 << 20, 50);
        try (CatalogRepository repository = CatalogRepository.open(dir.toString(), dir.resolve(".steward"));
             CatalogSync sync = new CatalogSync(repository, settings, new ManifestLoader(), live, reloads::add,
                     Clock.systemUTC())) {
            sync.loadInitial();
            // The commit each answer names, and the owner the tracked table has in it.
            Map<String, String> ownerAt = new ConcurrentHashMap<>();
            ownerAt.put(live.current().commit(), live.current().entity(
                    EntityRef.parse("resource:" + TRACKED)).owner().toString());
            var questions = CatalogBenchmark.questions(live.current(), generator.sampleEntities());
            Javalin app = StewardApp.create(AppContext.of(live)).start(0);
            String base = "http://localhost:" + app.port();
            AtomicBoolean churning = new AtomicBoolean(true);
            Thread churn = new Thread(() -> {
                for (int i = 0; churning.get(); i++) {
                    long start = System.nanoTime();
                    try {
                        String owner = OWNERS[i % 2];
                        var commit = CatalogGenerator.commitOwner(dir, TRACKED, owner);
                        ownerAt.put(commit.name(), "group:default/" + owner);
                        sync.checkNow();
                        Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - start) / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "churn");
            churn.start();
            try {
                // Paths built once: the clients' own work should be as small for who as for /healthz.
                String[] whoPaths = questions.stream().map(q -> "/api/who?entity="
                        + URLEncoder.encode(q.entity().toString(), StandardCharsets.UTF_8) + "&responsibility="
                        + q.responsibility()).toArray(String[]::new);
                String trackedPath = "/api/who?entity=resource%3Adefault%2F" + TRACKED + "&responsibility=table-layout";
                IntFunction<String> who = i -> i % 10 == 0 ? trackedPath
                        : whoPaths[Math.floorMod(i * 0x9E3779B1, whoPaths.length)];
                IntFunction<String> entities = i -> "/api/entities?kind=resource&type=iceberg-table&owner=team-"
                        + (i % 97) + "&limit=20";
                // Warm both sides (server and clients share the JVM's JIT), then measure in rounds that
                // alternate the phases, so every phase sees the same JIT, GC and churn conditions.
                run(base, "warm-up (mixed)", Math.max(10, seconds), clients,
                        i -> i % 3 == 0 ? "/healthz" : i % 3 == 1 ? entities.apply(i) : who.apply(i), ownerAt);
                String[] names = {"/healthz", "who", "/api/entities (filtered, 20 per page)", "mixed: 80% who, 20% /api/entities"};
                List<IntFunction<String>> loads = List.of(i -> "/healthz", who, entities,
                        i -> i % 5 == 0 ? entities.apply(i) : who.apply(i));
                int rounds = Math.max(1, seconds / 5);
                List<List<Phase>> byPhase = new ArrayList<>();
                for (int p = 0; p < names.length; p++) byPhase.add(new ArrayList<>());
                for (int round = 0; round < rounds; round++) {
                    for (int p = 0; p < names.length; p++) {
                        byPhase.get(p).add(run(base, names[p] + " (round " + (round + 1) + ")", seconds / rounds, clients,
                                loads.get(p), ownerAt));
                    }
                }
                List<Phase> phases = new ArrayList<>();
                for (int p = 0; p < names.length; p++) phases.add(merge(names[p], byPhase.get(p)));
                churning.set(false);
                churn.join();
                return report(phases, reloads, size, seconds, clients);
            } finally {
                churning.set(false);
                churn.interrupt();
                app.stop();
            }
        }
    }

    private static Phase run(String base, String name, int seconds, int clients, IntFunction<String> paths,
                             Map<String, String> ownerAt) throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        AtomicLong inconsistent = new AtomicLong();
        List<long[]> perClient = new CopyOnWriteArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] samples = new long[1 << 16];
                int n = 0;
                for (int i = client; System.nanoTime() < end; i += clients) {
                    String path = paths.apply(i);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - t0;
                        if (n == samples.length) samples = Arrays.copyOf(samples, n * 2);
                        samples[n++] = took;
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else if (path.contains(TRACKED)) {
                            String body = new String(r.body(), StandardCharsets.UTF_8);
                            String expected = ownerAt.get(field(body, "\"commit\":\""));
                            if (expected == null || !expected.equals(field(body, "\"owner\":{\"ref\":\""))) {
                                inconsistent.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                perClient.add(Arrays.copyOf(samples, n));
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        double took = (System.nanoTime() - started) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Phase phase = new Phase(name, all.length, errors.get(), inconsistent.get(), took, all);
        System.out.printf(Locale.ROOT, "%-40s %,8d requests  %,8.0f/s  p50 %.2f ms  p99 %.2f ms  errors %d  inconsistent %d%n",
                name, phase.requests(), phase.throughput(), phase.percentileMs(0.5), phase.percentileMs(0.99),
                phase.errors(), phase.inconsistent());
        return phase;
    }

    /** The string value that follows {@code prefix} in a JSON text (cheaper for the client than parsing it all). */
    private static String field(String json, String prefix) {
        int at = json.indexOf(prefix);
        if (at < 0) return "";
        int start = at + prefix.length();
        return json.substring(start, json.indexOf('"', start));
    }

    private static Phase merge(String name, List<Phase> rounds) {
        long[] all = rounds.stream().flatMapToLong(r -> Arrays.stream(r.nanos())).sorted().toArray();
        return new Phase(name, rounds.stream().mapToLong(Phase::requests).sum(), rounds.stream().mapToLong(Phase::errors).sum(),
                rounds.stream().mapToLong(Phase::inconsistent).sum(), rounds.stream().mapToDouble(Phase::seconds).sum(), all);
    }

    private static boolean report(List<Phase> phases, List<LoadAttempt> reloads, int size, int seconds, int clients) {
        long[] reloadMillis = reloads.stream().skip(1).mapToLong(LoadAttempt::millis).sorted().toArray();
        long served = reloads.stream().skip(1).filter(a -> a.outcome() == LoadAttempt.Outcome.SERVED).count();
        System.out.println();
        System.out.printf(Locale.ROOT, "Commits pushed and reloaded during the run: %d, all served: %s, median reload %d ms, max %d ms%n",
                reloadMillis.length, served == reloadMillis.length, reloadMillis.length == 0 ? 0 : reloadMillis[reloadMillis.length / 2],
                reloadMillis.length == 0 ? 0 : reloadMillis[reloadMillis.length - 1]);
        System.out.println();
        System.out.println("| phase | requests | throughput | p50 | p99 | errors | answers not matching their commit |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Phase p : phases) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f/s | %.2f ms | %.2f ms | %d | %d |%n", p.name(), p.requests(),
                    p.throughput(), p.percentileMs(0.5), p.percentileMs(0.99), p.errors(), p.inconsistent());
        }
        double ratio = phases.get(1).throughput() / phases.get(0).throughput();
        System.out.printf(Locale.ROOT, "%nwho throughput / /healthz throughput, measured in alternating rounds: %.0f%% (target: at least 70%%)%n", ratio * 100);
        double worstP99 = phases.stream().skip(1).mapToDouble(p -> p.percentileMs(0.99)).max().orElse(0);
        System.out.printf(Locale.ROOT, "worst p99 under churn (who, entities, mixed): %.2f ms (target: under 20 ms)%n", worstP99);
        long errors = phases.stream().mapToLong(Phase::errors).sum();
        long inconsistent = phases.stream().mapToLong(Phase::inconsistent).sum();
        System.out.printf("errors: %d, answers from a half-loaded snapshot: %d (target: 0 and 0)%n", errors, inconsistent);
        boolean pass = ratio >= 0.7 && worstP99 < 20 && errors == 0 && inconsistent == 0 && served == reloadMillis.length;
        System.out.println(pass ? "RESULT: all targets met" : "RESULT: some target missed");
        return pass;
    }
}

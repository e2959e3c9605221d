package dev.steward.bench;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.load.yaml.YamlLimits;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Responsibility;
import dev.steward.git.CatalogRepository;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.plan.Plan;
import dev.steward.plan.Planner;
import dev.steward.resolve.Resolver;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The benchmark harness of issue #2: for each size, generate a catalog in a Git repository, then
 * measure the full load from Git objects (median of 3), the heap the snapshot holds, and the latency
 * of {@code who} in-process and over HTTP on loopback. Prints a Markdown table.
 *
 * <pre>java -Xmx4g -jar bench/target/steward-bench.jar 10000 100000</pre>
 */
public final class CatalogBenchmark {
    private static final int LOAD_RUNS = 3;
    private static final int WHO_WARMUP = 300_000;
    private static final int WHO_SAMPLES = 200_000;
    private static final int HTTP_WARMUP = 5_000;
    private static final int HTTP_SAMPLES = 10_000;

    private CatalogBenchmark() {
    }

    record Result(int entities, double loadMedianS, double heapMb, double reloadMedianMs, double planMedianMs,
                  int planChanges, double whoMedianUs, double whoP99Us, double httpMedianMs, double httpP99Ms) {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("JVM %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        List<Result> results = new ArrayList<>();
        for (int size : sizes) {
            results.add(run(size));
        }
        System.out.println();
        System.out.println("| entities | full load (median of 3) | heap after load | one-file reload (median of 10) | plan of a 100-file diff (median of 5) | who in-process median / p99 | who over HTTP median / p99 |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %,d | %.2f s | %.0f MB | %.0f ms | %.0f ms (%d changes) | %.1f µs / %.1f µs | %.2f ms / %.2f ms |%n",
                    r.entities, r.loadMedianS, r.heapMb, r.reloadMedianMs, r.planMedianMs, r.planChanges,
                    r.whoMedianUs, r.whoP99Us, r.httpMedianMs, r.httpP99Ms);
        }
    }

    private static Result run(int size) throws Exception {
        Path dir = Files.createTempDirectory("steward-bench-" + size);
        CatalogGenerator generator = new CatalogGenerator(size);
        ObjectId commit = generator.writeRepository(dir);
        System.out.printf("%n== %,d entities requested, %,d generated in %s%n", size, generator.entityCount(), dir);

        double[] loads = new double[LOAD_RUNS];
        Catalog catalog = null;
        long baseline = 0;
        for (int i = 0; i < LOAD_RUNS; i++) {
            catalog = null;
            gc();
            baseline = used();
            long start = System.nanoTime();
            try (CatalogRepository repository = CatalogRepository.open(dir.toString(), dir.resolve(".steward"))) {
                catalog = new ManifestLoader().load(repository.read(commit, "catalog-yaml", "runbooks",
                        YamlLimits.DEFAULT.maxFileBytes()));
            }
            loads[i] = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "load %d: %.2f s%n", i + 1, loads[i]);
        }
        if (!catalog.isValid()) {
            throw new IllegalStateException("generated catalog does not validate: " + catalog.errors().subList(0,
                    Math.min(5, catalog.errors().size())));
        }
        Arrays.sort(loads);
        gc();
        double heapMb = (used() - baseline) / 1048576.0;
        System.out.printf(Locale.ROOT, "entities: %,d, heap held: %.0f MB%n", catalog.size(), heapMb);

        double reloadMs = oneFileReload(dir, commit, catalog);
        System.out.printf(Locale.ROOT, "one-file incremental reload: median %.1f ms%n", reloadMs);
        ObjectId reloaded = Git.open(dir.toFile()).getRepository().resolve("HEAD");
        double[] plan = plan(dir, reloaded, catalog);
        System.out.printf(Locale.ROOT, "plan of a 100-file pull request: median %.1f ms, %d changes%n", plan[0],
                (int) plan[1]);

        List<Question> questions = questions(catalog, generator.sampleEntities());
        double[] who = whoInProcess(catalog, questions);
        System.out.printf(Locale.ROOT, "who in-process: median %.2f µs, p99 %.2f µs over %,d calls%n", who[0], who[1],
                WHO_SAMPLES);
        double[] http = whoOverHttp(catalog, questions);
        System.out.printf(Locale.ROOT, "who over HTTP: median %.3f ms, p99 %.3f ms over %,d requests%n", http[0],
                http[1], HTTP_SAMPLES);
        return new Result(catalog.size(), loads[LOAD_RUNS / 2], heapMb, reloadMs, plan[0], (int) plan[1], who[0], who[1],
                http[0], http[1]);
    }

    /**
     * Commits a change to one manifest (one entity changes owner) and times the reload the server
     * does: a tree diff, reading the changed file, and applying it to the loaded snapshot.
     */
    private static double oneFileReload(Path dir, ObjectId base, Catalog catalog) throws Exception {
        ObjectId next = CatalogGenerator.commitOneFileChange(dir);
        double[] runs = new double[10];
        try (CatalogRepository repository = CatalogRepository.open(dir.toString(), dir.resolve(".steward"))) {
            ManifestLoader loader = new ManifestLoader();
            for (int i = 0; i < runs.length; i++) {
                long start = System.nanoTime();
                Catalog reloaded = loader.apply(catalog, repository.diff(base, next, "catalog-yaml", "runbooks",
                        YamlLimits.DEFAULT.maxFileBytes()));
                runs[i] = (System.nanoTime() - start) / 1e6;
                if (!reloaded.isValid() || reloaded.size() != catalog.size()) {
                    throw new IllegalStateException("the reload should stay valid: " + reloaded.errors());
                }
            }
        }
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }

    /**
     * A pull request touching 100 manifests, planned as the server plans it (the base snapshot is at
     * hand): tree diff, reading the changed files, building the head, and the plan itself.
     */
    private static double[] plan(Path dir, ObjectId baseCommit, Catalog unused) throws Exception {
        ObjectId head = CatalogGenerator.commitManyFileChange(dir, 100);
        double[] runs = new double[5];
        int changes = 0;
        try (CatalogRepository repository = CatalogRepository.open(dir.toString(), dir.resolve(".steward"))) {
            ManifestLoader loader = new ManifestLoader();
            Catalog base = loader.load(repository.read(baseCommit, "catalog-yaml", "runbooks",
                    YamlLimits.DEFAULT.maxFileBytes()));
            for (int i = 0; i < runs.length; i++) {
                long start = System.nanoTime();
                Catalog headCatalog = loader.apply(base, repository.diff(baseCommit, head, "catalog-yaml", "runbooks",
                        YamlLimits.DEFAULT.maxFileBytes()));
                Plan plan = Planner.plan(base, headCatalog, Set.of());
                runs[i] = (System.nanoTime() - start) / 1e6;
                changes = plan.changes().size();
            }
        }
        Arrays.sort(runs);
        return new double[] {runs[runs.length / 2], changes};
    }

    record Question(EntityRef entity, String responsibility) {
    }

    /** Every applicable (entity, responsibility) pair over a sample of assets of each kind. */
    static List<Question> questions(Catalog catalog, List<String> sample) {
        List<Question> out = new ArrayList<>();
        for (String text : sample) {
            Entity e = catalog.entity(EntityRef.parse(text));
            for (Responsibility r : catalog.applicableTo(e)) out.add(new Question(e.ref(), r.name()));
        }
        return out;
    }

    private static double[] whoInProcess(Catalog catalog, List<Question> questions) {
        Random random = new Random(42);
        long sink = 0;
        for (int i = 0; i < WHO_WARMUP; i++) {
            Question q = questions.get(random.nextInt(questions.size()));
            sink += Resolver.resolve(catalog, q.entity(), q.responsibility()).approvers().size();
        }
        long[] samples = new long[WHO_SAMPLES];
        for (int i = 0; i < WHO_SAMPLES; i++) {
            Question q = questions.get(random.nextInt(questions.size()));
            long start = System.nanoTime();
            sink += Resolver.resolve(catalog, q.entity(), q.responsibility()).approvers().size();
            samples[i] = System.nanoTime() - start;
        }
        if (sink == 42) System.out.print("");
        Arrays.sort(samples);
        return new double[] {samples[WHO_SAMPLES / 2] / 1e3, samples[(int) (WHO_SAMPLES * 0.99)] / 1e3};
    }

    private static double[] whoOverHttp(Catalog catalog, List<Question> questions) throws Exception {
        LiveCatalog live = new LiveCatalog(catalog, SyncStatus.starting("bench", "main", 0));
        Javalin app = StewardApp.create(AppContext.of(live)).start(0);
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Random random = new Random(7);
            String base = "http://localhost:" + app.port() + "/api/who?entity=";
            for (int i = 0; i < HTTP_WARMUP; i++) call(client, base, questions.get(random.nextInt(questions.size())));
            long[] samples = new long[HTTP_SAMPLES];
            for (int i = 0; i < HTTP_SAMPLES; i++) {
                Question q = questions.get(random.nextInt(questions.size()));
                long start = System.nanoTime();
                call(client, base, q);
                samples[i] = System.nanoTime() - start;
            }
            Arrays.sort(samples);
            return new double[] {samples[HTTP_SAMPLES / 2] / 1e6, samples[(int) (HTTP_SAMPLES * 0.99)] / 1e6};
        } finally {
            app.stop();
        }
    }

    private static void call(HttpClient client, String base, Question q) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base
                + URLEncoder.encode(q.entity().toString(), StandardCharsets.UTF_8) + "&responsibility="
                + q.responsibility())).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(q + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

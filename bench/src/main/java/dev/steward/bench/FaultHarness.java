package dev.steward.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Faults, each against real {@code steward serve} processes: the Git remote disappears, the remote is
 * force-pushed, the clone cache is corrupted, the disk holding the SQLite file fills up, PostgreSQL is
 * restarted under write load. For each: reads must keep being answered, the replica must report
 * itself degraded in {@code /readyz} and {@code /api/status}, recover by itself, and lose no write it
 * acknowledged (201).
 *
 * <pre>java -cp bench/target/steward-bench.jar dev.steward.bench.FaultHarness [postgres-jdbc-url]</pre>
 *
 * Needs root for the disk-full case (it mounts a small tmpfs) and Debian's {@code pg_ctlcluster} for
 * the PostgreSQL restart; a case that cannot run here says so and counts as not run.
 */
public final class FaultHarness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "fault-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Result(String fault, boolean ran, long reads, long readErrors, boolean degradedSeen, boolean statusShowedIt,
                  double recoverySeconds, long acknowledged, long lost, String note, long refused, boolean isFailure) {
        Result(String fault, boolean ran, long reads, long readErrors, boolean degradedSeen, boolean statusShowedIt,
               double recoverySeconds, long acknowledged, long lost, String note) {
            this(fault, ran, reads, readErrors, degradedSeen, statusShowedIt, recoverySeconds, acknowledged, lost, note, -1,
                    true);
        }

        Result withRefused(long writesRefused) {
            return new Result(fault, ran, reads, readErrors, degradedSeen, statusShowedIt, recoverySeconds, acknowledged,
                    lost, note, writesRefused, isFailure);
        }

        /** A fault must show as degraded; a force-push is not a fault to the replica, which must simply follow it. */
        boolean passed() {
            boolean reported = isFailure ? degradedSeen && statusShowedIt : !degradedSeen;
            return !ran || (readErrors == 0 && reported && recoverySeconds >= 0 && lost == 0);
        }
    }

    public static void main(String[] args) throws Exception {
        String pgUrl = args.length > 0 ? args[0] : defaultPostgres();
        System.exit(run(pgUrl) ? 0 : 1);
    }

    static String defaultPostgres() {
        return System.getenv().getOrDefault("STEWARD_TEST_PG_URL",
                "jdbc:postgresql://localhost:5432/steward_test?user=steward&password=steward");
    }

    /** Runs every fault; true when each ran and was handled. */
    public static boolean run(String pgUrl) throws Exception {
        Path work = Files.createTempDirectory("steward-faults");
        List<Result> results = new ArrayList<>();
        results.add(say(remoteGone(work.resolve("remote-gone"))));
        results.add(say(forcePush(work.resolve("force-push"))));
        results.add(say(cacheCorrupted(work.resolve("cache"))));
        results.add(say(diskFull(work.resolve("disk-full"))));
        results.add(say(postgresRestart(work.resolve("pg"), pgUrl)));
        System.out.println();
        System.out.println("| fault | reads (failed) | degraded in /readyz | degraded in /api/status | back to healthy | writes acknowledged (lost) / refused with 503 | result |");
        System.out.println("|---|---:|---|---|---:|---:|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.fault(),
                    r.ran() ? String.format(Locale.ROOT, "%,d (%d)", r.reads(), r.readErrors()) : "-",
                    !r.ran() ? "-" : !r.isFailure() ? (r.degradedSeen() ? "yes (wrongly)" : "no: followed the rewrite")
                            : r.degradedSeen() ? "yes" : "no",
                    !r.ran() ? "-" : !r.isFailure() ? "no" : r.statusShowedIt() ? "yes" : "no",
                    r.ran() ? String.format(Locale.ROOT, "%.1f s", r.recoverySeconds()) : "-",
                    r.acknowledged() < 0 ? "-" : String.format(Locale.ROOT, "%,d (%d) / %,d", r.acknowledged(), r.lost(),
                            r.refused()),
                    !r.ran() ? "not run: " + r.note() : r.passed() ? "pass" : "FAIL " + r.note());
        }
        boolean all = results.stream().allMatch(r -> r.ran() && r.passed());
        System.out.println(all ? "RESULT: every fault handled" : "RESULT: some fault not handled or not run");
        return all;
    }

    private static Result say(Result r) {
        System.out.println(r);
        return r;
    }

    // ---- the faults --------------------------------------------------------------------------

    private static Result remoteGone(Path dir) throws Exception {
        Remote remote = Remote.create(dir);
        try (Server server = Server.start(dir, remote.url(), Map.of(), "--db", dir.resolve("s.db").toString());
             Reader reads = new Reader(server)) {
            Path gone = dir.resolve("remote.gone");
            Files.move(remote.bare(), gone);
            boolean degraded = server.awaitDegraded("git:", 20);
            boolean status = server.statusShowsDegraded("git:");
            Files.move(gone, remote.bare());
            double recovery = server.awaitHealthy(30);
            String head = remote.commitAndPush("after the remote came back");
            boolean served = server.awaitCommit(head, 30);
            return new Result("Git remote disappears", true, reads.count(), reads.errors(), degraded, status,
                    served ? recovery : -1, -1, 0, served ? "" : "new commit not served after recovery");
        }
    }

    private static Result forcePush(Path dir) throws Exception {
        Remote remote = Remote.create(dir);
        try (Server server = Server.start(dir, remote.url(), Map.of(), "--db", dir.resolve("s.db").toString());
             Reader reads = new Reader(server)) {
            String rewritten = remote.rewriteHistory();
            long start = System.nanoTime();
            AtomicBoolean degraded = new AtomicBoolean();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watch = new Thread(() -> {
                while (watching.get()) {
                    if (server.json("/readyz").path("degraded").asBoolean()) degraded.set(true);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watch.start();
            boolean served = server.awaitCommit(rewritten, 30);
            double recovery = (System.nanoTime() - start) / 1e9;
            Thread.sleep(1500); // a check or two more on the rewritten branch
            watching.set(false);
            watch.join();
            // A force-push is not a failure: the replica follows the rewritten branch and is never degraded.
            return new Result("remote force-pushed", true, reads.count(), reads.errors(), degraded.get(), false,
                    served ? recovery : -1, -1, 0, served ? "" : "not followed", -1, false);
        }
    }

    private static Result cacheCorrupted(Path dir) throws Exception {
        Remote remote = Remote.create(dir);
        Path cache = dir.resolve("server-cache");
        try (Server server = Server.start(dir, remote.url(), Map.of(), "--db", dir.resolve("s.db").toString());
             Reader reads = new Reader(server)) {
            Path clone;
            try (Stream<Path> s = Files.list(cache)) {
                clone = s.filter(p -> p.toString().endsWith(".git")).findFirst().orElseThrow();
            }
            // Every object of the clone goes: packs and loose objects alike.
            try (Stream<Path> s = Files.walk(clone.resolve("objects"))) {
                for (Path p : s.filter(Files::isRegularFile).toList()) Files.delete(p);
            }
            boolean degraded = server.awaitDegraded("git:", 20);
            boolean status = server.statusShowsDegraded("damaged");
            double recovery = server.awaitHealthy(30);
            String head = remote.commitAndPush("after the cache was rebuilt");
            boolean served = server.awaitCommit(head, 30);
            return new Result("clone cache corrupted", true, reads.count(), reads.errors(), degraded, status,
                    served ? recovery : -1, -1, 0, served ? "" : "new commit not served after the re-clone");
        }
    }

    private static Result diskFull(Path dir) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        if (!run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString())) {
            return new Result("disk full (SQLite)", false, 0, 0, false, false, -1, -1, 0, "cannot mount a tmpfs (needs root)");
        }
        try {
            Remote remote = Remote.create(dir);
            Path db = mount.resolve("steward.db");
            try (Server server = Server.start(dir, remote.url(), Map.of(), "--db", db.toString());
                 Reader reads = new Reader(server); Writer writes = new Writer(server)) {
                Thread.sleep(1500);
                Path filler = mount.resolve("filler");
                fill(filler);
                boolean degraded = server.awaitDegraded("store:", 30);
                boolean status = server.statusShowsDegraded("store:");
                long failedWhileFull = writes.failed();
                Files.delete(filler);
                double recovery = server.awaitHealthy(30);
                writes.stop();
                long lost = server.lostOf(writes.acknowledged());
                return new Result("disk full for the SQLite file", true, reads.count(), reads.errors(), degraded, status,
                        recovery, writes.acknowledged().size(), lost, failedWhileFull == 0 ? "no write was refused" : "")
                        .withRefused(failedWhileFull);
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private static Result postgresRestart(Path dir, String pgUrl) throws Exception {
        String schema = "faults_" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            return new Result("PostgreSQL restarted under write load", false, 0, 0, false, false, -1, -1, 0,
                    "PostgreSQL unreachable at " + pgUrl.replaceAll("password=[^&]*", "password=***"));
        }
        String[] cluster = pgCluster();
        if (cluster == null) {
            return new Result("PostgreSQL restarted under write load", false, 0, 0, false, false, -1, -1, 0,
                    "no pg_ctlcluster here");
        }
        String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Remote remote = Remote.create(dir);
        try (Server server = Server.start(dir, remote.url(), Map.of("STEWARD_DB_URL", url));
             Reader reads = new Reader(server); Writer writes = new Writer(server)) {
            Thread.sleep(2000);
            Thread restart = new Thread(() -> run("pg_ctlcluster", cluster[0], cluster[1], "restart", "-m", "fast"));
            restart.start();
            boolean degraded = server.awaitDegraded("store:", 30);
            boolean status = server.statusShowsDegraded("store:") || degraded;
            restart.join();
            double recovery = server.awaitHealthy(60);
            Thread.sleep(1500); // writes succeed again
            writes.stop();
            long lost = server.lostOf(writes.acknowledged());
            return new Result("PostgreSQL restarted under write load", true, reads.count(), reads.errors(), degraded,
                    status, recovery, writes.acknowledged().size(), lost, "").withRefused(writes.failed());
        } finally {
            try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static String[] pgCluster() {
        try {
            Process p = new ProcessBuilder("pg_lsclusters", "-h").start();
            String line = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse(null);
            p.waitFor();
            return line == null ? null : line.trim().split("\\s+");
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Writes zeros until the file system says there is no space left. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("space")) throw full;
        }
    }

    /** A bare repository as the Git remote, with a working clone to push from. */
    record Remote(Path bare, Path work) {
        static Remote create(Path dir) throws Exception {
            Files.createDirectories(dir);
            Path source = dir.resolve("source");
            new CatalogGenerator(2_000).writeRepository(source);
            Path bare = dir.resolve("remote.git");
            Git.cloneRepository().setURI(source.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
            Path work = dir.resolve("work");
            Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call().close();
            return new Remote(bare, work);
        }

        String url() {
            return bare.toUri().toString();
        }

        String commitAndPush(String message) throws Exception {
            try (Git git = Git.open(work.toFile())) {
                Files.writeString(work.resolve("catalog-yaml/notes.yaml"), "# " + message + "\n");
                git.add().addFilepattern(".").call();
                PersonIdent who = new PersonIdent("Faults", "faults@steward.dev");
                String id = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
                git.push().call();
                return id;
            }
        }

        /** Drops the last commit and pushes a different one in its place: a non-fast-forward. */
        String rewriteHistory() throws Exception {
            commitAndPush("to be rewritten");
            try (Git git = Git.open(work.toFile())) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef("HEAD~1").call();
                Files.writeString(work.resolve("catalog-yaml/notes.yaml"), "# rewritten\n");
                git.add().addFilepattern(".").call();
                PersonIdent who = new PersonIdent("Faults", "faults@steward.dev");
                String id = git.commit().setMessage("rewritten").setAuthor(who).setCommitter(who).call().getName();
                git.push().setForce(true).call();
                return id;
            }
        }
    }

    /** {@code steward serve} in a process of its own. */
    static final class Server implements AutoCloseable {
        final Process process;
        final String base;
        final Path log;

        private Server(Process process, String base, Path log) {
            this.process = process;
            this.base = base;
            this.log = log;
        }

        static Server start(Path dir, String repo, Map<String, String> env, String... extra) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.steward.cli.Main", "serve",
                    "--repo", repo, "--port", String.valueOf(port), "--poll", "1s", "--cache-dir",
                    dir.resolve("server-cache").toString()));
            command.addAll(List.of(extra));
            Path log = dir.resolve("server.log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("STEWARD_API_TOKENS", "faults=" + TOKEN);
            pb.environment().putAll(env);
            Server server = new Server(pb.start(), "http://localhost:" + port, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (server.status("/readyz") != 200) {
                if (!server.process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("server did not start:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
            return server;
        }

        int status(String path) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                return -1;
            }
        }

        JsonNode json(String path) {
            try {
                return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
            } catch (Exception e) {
                return JSON.createObjectNode();
            }
        }

        boolean awaitDegraded(String reason, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                JsonNode ready = json("/readyz");
                if (ready.path("degraded").asBoolean() && ready.path("reasons").toString().contains(reason)) return true;
                Thread.sleep(50);
            }
            return false;
        }

        boolean statusShowsDegraded(String reason) {
            JsonNode health = json("/api/status").path("health");
            return health.path("degraded").asBoolean() && health.path("reasons").toString().contains(reason);
        }

        /** Seconds until /readyz is ready and not degraded, or -1. */
        double awaitHealthy(int seconds) throws InterruptedException {
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                JsonNode ready = json("/readyz");
                if (ready.path("ready").asBoolean() && !ready.path("degraded").asBoolean(true)) {
                    return (System.nanoTime() - start) / 1e9;
                }
                Thread.sleep(50);
            }
            return -1;
        }

        boolean awaitCommit(String commit, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (commit.equals(json("/api/status").path("commit").asText())) return true;
                Thread.sleep(100);
            }
            return false;
        }

        /** How many of the acknowledged incidents the server cannot find. */
        long lostOf(Map<Long, String> acknowledged) {
            long lost = 0;
            for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
                if (!e.getValue().equals(json("/api/incidents/" + e.getKey()).path("title").asText())) lost++;
            }
            return lost;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }
    }

    /** Reads all the time: a who question and the entity list; every answer must be 200. */
    static final class Reader implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final Thread thread;

        Reader(Server server) {
            thread = new Thread(() -> {
                String[] paths = {"/api/who?entity=resource:default/table-0&responsibility=table-layout",
                        "/api/entities?kind=resource&limit=5", "/api/catalog/entities/by-name/resource/default/table-1"};
                for (int i = 0; running.get(); i++) {
                    int status = server.status(paths[i % paths.length]);
                    count.incrementAndGet();
                    if (status != 200) errors.incrementAndGet();
                }
            }, "reader");
            thread.start();
        }

        long count() {
            return count.get();
        }

        long errors() {
            return errors.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /** Opens incidents all the time from 4 threads; remembers each one acknowledged with 201. */
    static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        private final AtomicLong failed = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();

        Writer(Server server) {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    for (int i = 0; running.get(); i++) {
                        String title = "fault-w" + writer + "-" + i;
                        try {
                            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.base + "/api/incidents"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"" + title
                                            + "\", \"severity\": \"SEV3\", \"entities\": [\"resource:default/table-0\"]}"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) acknowledged.put(JSON.readTree(r.body()).get("id").asLong(), title);
                            else failed.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                }, "writer-" + w);
                threads.add(t);
                t.start();
            }
        }

        Map<Long, String> acknowledged() {
            return acknowledged;
        }

        long failed() {
            return failed.get();
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) t.join();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

}

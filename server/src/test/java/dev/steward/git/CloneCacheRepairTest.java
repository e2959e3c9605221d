package dev.steward.git;

import static dev.steward.testing.Yaml.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.steward.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A clone cache cloned anew while HTTP threads read through it: the new clone is swapped in at once,
 * the old repository stays open for the reads that hold it and is closed after the last of them,
 * and the reason for the repair is logged with its cause.
 */
class CloneCacheRepairTest {
    private static final String MANIFEST = "catalog-yaml/a.yaml";
    private static final String CONTENT = group("a", "");

    @TempDir
    Path tmp;
    TestRepo upstream;
    CatalogRepository clone;
    ObjectId commit;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void setUp() throws IOException {
        upstream = TestRepo.create(tmp.resolve("upstream"));
        upstream.write(MANIFEST, CONTENT).commit("first");
        clone = CatalogRepository.open(upstream.root().toUri().toString(), tmp.resolve("cache"));
        commit = clone.resolve("main");
        log.start();
        repositoryLogger().addAppender(log);
    }

    @AfterEach
    void tearDown() {
        repositoryLogger().detachAppender(log);
        clone.close();
        upstream.close();
    }

    @Test
    void readersHoldTheOldRepositoryOpenThroughARepairWhichClosesItAfterTheLastOfThem() throws Exception {
        int holding = 3;
        int streaming = 2;
        CyclicBarrier allReading = new CyclicBarrier(holding + streaming + 1);
        CountDownLatch repaired = new CountDownLatch(1);
        AtomicBoolean repairDone = new AtomicBoolean();
        List<SwappableRepository.Lease> leases = new CopyOnWriteArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(holding + streaming);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < holding; i++) {
                reads.add(readers.submit(() -> {
                    try (SwappableRepository.Lease lease = clone.lease()) {
                        leases.add(lease);
                        allReading.await();
                        repaired.await(); // read through the old repository only once it has been swapped out
                        return readThrough(lease.repository(), commit, MANIFEST);
                    }
                }));
            }
            for (int i = 0; i < streaming; i++) {
                reads.add(readers.submit(() -> {
                    allReading.await();
                    String last;
                    do {
                        last = new String(clone.readFile(commit, MANIFEST), StandardCharsets.UTF_8);
                    } while (!repairDone.get()); // reads before, during and after the swap
                    return last;
                }));
            }
            allReading.await(10, TimeUnit.SECONDS);
            Repository old = leases.get(0).repository();
            pointMainAtAMissingCommit();
            assertTrue(clone.isBroken("main"));

            assertTrue(clone.repairIfBroken("main"));
            repairDone.set(true);
            assertTrue(leases.stream().noneMatch(SwappableRepository.Lease::repositoryClosed),
                    "a repair never closes the repository a reader still holds");
            repaired.countDown();

            for (Future<String> read : reads) {
                assertEquals(CONTENT, read.get(10, TimeUnit.SECONDS), "no reader fails");
            }
            assertTrue(leases.stream().allMatch(SwappableRepository.Lease::repositoryClosed),
                    "the old repository is closed once its last reader is done");
            try (SwappableRepository.Lease fresh = clone.lease()) {
                assertNotSame(old, fresh.repository());
                assertFalse(fresh.repositoryClosed());
                assertEquals(CONTENT, readThrough(fresh.repository(), commit, MANIFEST));
            }
            assertFalse(clone.isBroken("main"));
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void aRepairLogsWhyTheCacheWasBrokenWithTheCause() throws Exception {
        pointMainAtAMissingCommit();

        assertTrue(clone.repairIfBroken("main"));

        ILoggingEvent warning = log.list.stream().filter(e -> e.getLevel() == Level.WARN).findFirst()
                .orElseThrow(() -> new AssertionError("no WARN logged: " + log.list));
        assertTrue(warning.getFormattedMessage().contains("cannot read main"), warning.getFormattedMessage());
        assertNotNull(warning.getThrowableProxy(), "the reason is logged with its cause");
        assertTrue(warning.getThrowableProxy().getMessage().contains("0123456789abcdef"),
                warning.getThrowableProxy().getMessage());
        assertEquals(CONTENT, new String(clone.readFile(commit, MANIFEST), StandardCharsets.UTF_8));
    }

    /** Damages the clone cache: its branch names a commit it does not have, so the tree cannot be read. */
    private void pointMainAtAMissingCommit() throws IOException {
        Path cloneDir;
        try (var dirs = Files.list(tmp.resolve("cache"))) {
            cloneDir = dirs.filter(p -> p.getFileName().toString().endsWith(".git")).findFirst().orElseThrow();
        }
        Path ref = cloneDir.resolve("refs/heads/main");
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, "0123456789abcdef0123456789abcdef01234567\n");
    }

    private static String readThrough(Repository repository, ObjectId commit, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repository);
             TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(commit).getTree())) {
            return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Logger repositoryLogger() {
        return (Logger) LoggerFactory.getLogger(CatalogRepository.class);
    }
}

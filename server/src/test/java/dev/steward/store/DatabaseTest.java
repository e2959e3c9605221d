package dev.steward.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.load.LoadAttempt;
import dev.steward.testing.TestDatabases.Kind;
import dev.steward.testing.TestDatabases.TestDb;
import dev.steward.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store on a real SQLite file and a real PostgreSQL schema: the same code, the same answers. */
class DatabaseTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void migrationsApplyOnceAndWritesSurviveReopening(Kind kind) throws Exception {
        try (TestDb test = TestDatabases.open(kind, tmp)) {
            Database first = test.db();
            first.loadLog().record(new LoadAttempt("abc", "main", Instant.parse("2026-11-24T01:00:00Z"), 12,
                    LoadAttempt.Outcome.SERVED, 42, 0, null));
            first.loadLog().record(new LoadAttempt("def", "main", Instant.parse("2026-11-24T01:01:00Z"), 9,
                    LoadAttempt.Outcome.REJECTED, 41, 3, "catalog-yaml/a.yaml:3: bad"));

            try (Database second = test.reopen()) {
                List<LoadAttempt> recent = second.loadLog().recent(10);
                assertEquals(List.of("def", "abc"), recent.stream().map(LoadAttempt::commit).toList());
                assertEquals("catalog-yaml/a.yaml:3: bad", recent.get(0).firstError());
                assertEquals(Instant.parse("2026-11-24T01:01:00Z"), recent.get(0).startedAt());
                assertEachMigrationAppliedOnce(test, second);
                assertEquals(kind == Kind.SQLITE ? Dialect.SQLITE : Dialect.POSTGRESQL, second.dialect());
                assertTrue(second.ping());
            }
        }
    }

    @Test
    void sqliteRunsInWalWithForeignKeys() throws Exception {
        try (TestDb test = TestDatabases.sqlite(tmp.resolve("nested/dir/steward.db"))) {
            Database db = test.db();
            assertEquals("wal", db.read(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()));
            assertEquals(Integer.valueOf(1), db.read(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()));
        }
    }

    /** Replicas starting together: each takes the lock; the later ones wait, then find nothing left to do. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void replicasStartingTogetherApplyEachMigrationOnce(Kind kind) throws Exception {
        try (TestDb test = TestDatabases.open(kind, tmp)) {
            // A schema with no migrations yet: drop what opening the test database applied.
            Schemas.dropAllTables(test.db());
            assertEquals(List.of(), Schemas.tables(test.db()));
            int replicas = 6;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(replicas);
            List<Future<Database>> opened = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return test.reopen();
                }));
            }
            start.countDown();
            for (Future<Database> f : opened) f.get().close();
            pool.shutdown();
            assertEachMigrationAppliedOnce(test, test.db());
        }
    }

    /**
     * Every migration in the dialect's folder recorded once, successfully, in order, and none pending;
     * read from the folder through Flyway, so a new V<n> file needs no change here.
     */
    static void assertEachMigrationAppliedOnce(TestDb test, Database db) {
        List<String> recorded = db.read(h -> h.createQuery("SELECT version FROM " + Migrations.HISTORY_TABLE
                + " WHERE success ORDER BY installed_rank").mapTo(String.class).list());
        assertEquals(recorded.stream().distinct().toList(), recorded, "no migration applied twice");
        MigrationInfoService info = Migrations.configure(db.dialect()).dataSource(test.url(), null, null).load().info();
        assertEquals(List.of(), Arrays.stream(info.pending()).map(MigrationInfo::getScript).toList(), "pending");
        assertEquals(Arrays.stream(info.applied()).map(m -> m.getVersion().getVersion()).toList(), recorded);
        assertTrue(recorded.containsAll(List.of("1", "2", "3", "4", "5")), "the released migrations: " + recorded);
    }
}

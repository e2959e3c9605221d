package dev.steward.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.load.LoadAttempt;
import dev.steward.testing.TestDatabases;
import dev.steward.testing.TestDatabases.Kind;
import dev.steward.testing.TestDatabases.TestDb;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Flyway running Steward's migrations: upgrading databases of the old runner, refusing edited ones, dialects in step. */
class MigrationsTest {
    /** What Steward's own runner had applied when it was replaced by Flyway, in order. */
    private static final List<String> OLD_RUNNER_APPLIED = List.of("V1__load_log", "V2__incidents", "V3__readiness",
            "V4__alignment");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void databaseMadeByTheOldRunnerGetsLaterMigrationsAndKeepsItsDataAndHistory(Kind kind) throws Exception {
        try (TestDb test = TestDatabases.open(kind, tmp)) {
            Schemas.dropAllTables(test.db());
            writeAsTheOldRunnerDid(test.db(), OLD_RUNNER_APPLIED);
            test.db().loadLog().record(new LoadAttempt("abc", "main", Instant.parse("2026-11-24T01:00:00Z"), 12,
                    LoadAttempt.Outcome.SERVED, 42, 0, null));

            try (Database upgraded = test.reopen()) {
                assertEquals(List.of("abc"), upgraded.loadLog().recent(10).stream().map(LoadAttempt::commit).toList());
                assertEquals(0, count(upgraded, "notification_sent"), "V5 applied");
                assertEquals(List.of(1, 2, 3, 4), upgraded.read(h -> h.createQuery(
                        "SELECT version FROM schema_version ORDER BY version").mapTo(Integer.class).list()),
                        "the old runner's record kept, untouched");
                List<String> history = upgraded.read(h -> h.createQuery("SELECT type || ' ' || version FROM "
                        + Migrations.HISTORY_TABLE + " WHERE success ORDER BY installed_rank").mapTo(String.class).list());
                assertEquals("BASELINE 4", history.get(0));
                assertEquals("SQL 5", history.get(1));
            }
            try (Database again = test.reopen()) {
                assertEquals(1, again.loadLog().recent(10).size(), "a later start finds nothing to do");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void editedReleasedMigrationStopsStartupNamingIt(Kind kind) throws Exception {
        try (TestDb test = TestDatabases.open(kind, tmp)) {
            // As if V5's file had changed since it was applied: Flyway compares its checksum with the file's.
            test.db().write(h -> h.execute("UPDATE " + Migrations.HISTORY_TABLE
                    + " SET checksum = checksum + 1 WHERE version = '5'"));

            IllegalStateException e = assertThrows(IllegalStateException.class, test::reopen);
            assertTrue(e.getMessage().contains("[V5__notification_sent.sql]"), e.getMessage());
            assertTrue(e.getMessage().contains("checksum mismatch for migration version 5"), e.getMessage());
            assertInstanceOf(FlywayValidateException.class, e.getCause());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void schemaHoldingOtherTablesButNoHistoryIsRefusedNotMigratedIntoSilently(Kind kind) throws Exception {
        try (TestDb test = TestDatabases.open(kind, tmp)) {
            Schemas.dropAllTables(test.db());
            test.db().write(h -> h.execute("CREATE TABLE other_application (id INTEGER PRIMARY KEY)"));

            IllegalStateException e = assertThrows(IllegalStateException.class, test::reopen);
            assertTrue(e.getMessage().contains("give Steward a schema or database of its own"), e.getMessage());
            assertEquals(List.of("other_application"), Schemas.tables(test.db()), "nothing created beside it");
        }
    }

    /** A column or table added in one dialect's migrations only fails here. */
    @Test
    void bothDialectsMigrateToTheSameTablesAndColumns() throws Exception {
        try (TestDb sqlite = TestDatabases.open(Kind.SQLITE, tmp); TestDb postgres = TestDatabases.open(Kind.POSTGRESQL, tmp)) {
            Map<String, SortedSet<String>> sqliteColumns = Schemas.columns(sqlite.db());
            Map<String, SortedSet<String>> postgresColumns = Schemas.columns(postgres.db());
            assertTrue(sqliteColumns.containsKey("load_log"), "tables read: " + sqliteColumns.keySet());
            assertEquals(sqliteColumns.keySet(), postgresColumns.keySet(), "tables");
            for (String table : sqliteColumns.keySet()) {
                assertEquals(sqliteColumns.get(table), postgresColumns.get(table), "columns of " + table);
            }
        }
    }

    /** V<n> files applied one by one, each recorded in schema_version, as the runner before Flyway did. */
    private static void writeAsTheOldRunnerDid(Database db, List<String> migrations) {
        db.write(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            for (String migration : migrations) {
                h.createScript(read(db.dialect(), migration)).execute();
                h.execute("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)",
                        Integer.parseInt(migration.substring(1, migration.indexOf("__"))), migration,
                        "2026-11-01T00:00:00Z");
            }
            return null;
        });
    }

    private static String read(Dialect dialect, String migration) {
        String resource = "migrations/" + dialect.migrationsFolder() + "/" + migration + ".sql";
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing migration resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private static int count(Database db, String table) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }
}

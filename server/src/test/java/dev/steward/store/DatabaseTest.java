package dev.steward.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steward.git.LoadAttempt;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store on a real SQLite file. */
class DatabaseTest {
    @TempDir
    Path tmp;

    @Test
    void migrationsApplyOnceAndWritesSurviveReopening() throws Exception {
        Path file = tmp.resolve("nested/dir/steward.db");
        Database first = Database.openSqlite(file);
        first.loadLog().record(new LoadAttempt("abc", "main", Instant.parse("2026-11-24T01:00:00Z"), 12,
                LoadAttempt.SERVED, 42, 0, null));
        first.loadLog().record(new LoadAttempt("def", "main", Instant.parse("2026-11-24T01:01:00Z"), 9,
                LoadAttempt.REJECTED, 41, 3, "catalog-yaml/a.yaml:3: bad"));

        Database second = Database.openSqlite(file);
        List<LoadAttempt> recent = second.loadLog().recent(10);
        assertEquals(List.of("def", "abc"), recent.stream().map(LoadAttempt::commit).toList());
        assertEquals("catalog-yaml/a.yaml:3: bad", recent.get(0).firstError());
        assertEquals(Instant.parse("2026-11-24T01:01:00Z"), recent.get(0).startedAt());
        int versions = second.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM schema_version")
                .mapTo(Integer.class).one());
        assertEquals(Migrations.ALL.size(), versions);
        String journal = second.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
        assertEquals("wal", journal);
        int foreignKeys = second.jdbi().withHandle(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one());
        assertEquals(1, foreignKeys);
    }
}

package dev.steward.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * Versioned schema migrations, one folder per dialect ({@code migrations/sqlite},
 * {@code migrations/postgresql}), applied in order in one transaction together with their rows in
 * {@code schema_version}. The transaction first takes a lock, so when two replicas start together
 * the second waits and then finds everything applied: on PostgreSQL a transaction-scoped advisory
 * lock, on SQLite the write lock that an immediate transaction takes at its start. A migration once
 * released is never edited; changes get a new version, written for both dialects.
 */
final class Migrations {
    /** In order. The file is {@code migrations/<dialect>/V<version>__<name>.sql} next to this class. */
    static final List<String> ALL = List.of("V1__load_log", "V2__incidents", "V3__readiness", "V4__alignment",
            "V5__notification_sent");
    /** The advisory lock's key on PostgreSQL: "steward" in ASCII, so other applications' locks don't collide. */
    static final long LOCK_KEY = 0x7374657761726400L;

    private Migrations() {
    }

    /** Applies what is missing; returns the versions this call applied (none when another replica did). */
    static List<Integer> apply(Jdbi jdbi, Dialect dialect) {
        return jdbi.inTransaction(h -> {
            // SQLite's immediate transactions took the database's write lock at BEGIN already.
            if (dialect == Dialect.POSTGRESQL) {
                h.execute("SELECT pg_advisory_xact_lock(?)", LOCK_KEY);
            }
            h.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            Set<Integer> applied = new TreeSet<>(h.createQuery("SELECT version FROM schema_version")
                    .mapTo(Integer.class).list());
            List<Integer> now = new java.util.ArrayList<>();
            for (String migration : ALL) {
                int version = Integer.parseInt(migration.substring(1, migration.indexOf("__")));
                if (applied.contains(version)) continue;
                h.createScript(read(dialect, migration)).execute();
                h.createUpdate("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)")
                        .bind(0, version).bind(1, migration).bind(2, Instant.now().toString()).execute();
                now.add(version);
            }
            return now;
        });
    }

    private static String read(Dialect dialect, String migration) {
        String resource = "migrations/" + dialect.migrationsFolder() + "/" + migration + ".sql";
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing migration resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

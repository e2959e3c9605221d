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
 * Versioned schema migrations, applied in order, each in its own transaction together with its row
 * in {@code schema_version}. A migration once released is never edited; changes get a new version.
 */
final class Migrations {
    /** In order. The file is {@code migrations/V<version>__<name>.sql} next to this class. */
    static final List<String> ALL = List.of("V1__load_log", "V2__incidents");

    private Migrations() {
    }

    static void apply(Jdbi jdbi) {
        jdbi.useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
        for (String migration : ALL) {
            int version = Integer.parseInt(migration.substring(1, migration.indexOf("__")));
            jdbi.useTransaction(h -> {
                Set<Integer> applied = new TreeSet<>(h.createQuery("SELECT version FROM schema_version")
                        .mapTo(Integer.class).list());
                if (applied.contains(version)) return;
                h.createScript(read(migration)).execute();
                h.createUpdate("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)")
                        .bind(0, version).bind(1, migration).bind(2, Instant.now().toString()).execute();
            });
        }
    }

    private static String read(String migration) {
        String resource = "migrations/" + migration + ".sql";
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing migration resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.steward.testing;

import dev.steward.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for the store's tests: a SQLite file in a temp folder, or a schema of its own on
 * the PostgreSQL server at {@code STEWARD_TEST_PG_URL} (default: the steward role on localhost). When
 * that server cannot be reached the PostgreSQL tests are skipped, unless
 * {@code STEWARD_TEST_PG_REQUIRED} is set, as {@code .ci/run} sets it: in CI they always run.
 */
public final class TestDatabases {
    public static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/steward_test?user=steward&password=steward";

    private TestDatabases() {
    }

    public enum Kind { SQLITE, POSTGRESQL }

    /** A store and how to reach it again (a second replica, a restart). */
    public record TestDb(Kind kind, String url, Database db, Runnable drop) implements AutoCloseable {
        /** Another connection to the same data, as a second replica or a restarted server opens it. */
        public Database reopen() throws java.io.IOException {
            return Database.open(url);
        }

        @Override
        public void close() {
            db.close();
            drop.run();
        }
    }

    public static TestDb open(Kind kind, Path tmp) throws Exception {
        return kind == Kind.SQLITE ? sqlite(tmp.resolve("steward-" + UUID.randomUUID() + ".db")) : postgres();
    }

    public static TestDb sqlite(Path file) throws Exception {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        return new TestDb(Kind.SQLITE, url, Database.open(url), () -> { });
    }

    /** The server's URL, after making sure it answers (or skipping, see above). */
    public static String serverUrl() {
        String url = System.getenv().getOrDefault("STEWARD_TEST_PG_URL", DEFAULT_URL);
        try (Connection c = DriverManager.getConnection(url)) {
            return url;
        } catch (SQLException e) {
            String why = "PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***") + " is unreachable: "
                    + e.getMessage();
            if (System.getenv("STEWARD_TEST_PG_REQUIRED") != null) throw new IllegalStateException(why, e);
            Assumptions.abort(why + " (set STEWARD_TEST_PG_URL, or run .ci/run)");
            return null;
        }
    }

    /** A fresh schema on the test server; dropped on close. */
    public static TestDb postgres() throws Exception {
        String server = serverUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Runnable drop = () -> {
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        return new TestDb(Kind.POSTGRESQL, url, Database.open(url), drop);
    }
}

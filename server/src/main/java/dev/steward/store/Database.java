package dev.steward.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.steward.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Steward's store, on one of two databases with the same Jdbi code:
 * <ul>
 * <li>SQLite, embedded (the default): WAL journal, full fsync on commit, foreign keys on, immediate
 * transactions, and one writer connection, so no client ever sees SQLITE_BUSY.</li>
 * <li>PostgreSQL, for replicas: a HikariCP pool; every write is a SERIALIZABLE transaction, retried
 * when PostgreSQL reports a serialization failure or deadlock, so replicas writing the same incident
 * never lose an update. A commit returns only once PostgreSQL has it durable (synchronous_commit).</li>
 * </ul>
 * Schema changes come from versioned migrations that Flyway applies at open, under a lock (see
 * {@link Migrations}).
 */
public final class Database implements AutoCloseable {
    private static final int WRITE_ATTEMPTS = 30;

    private final Jdbi jdbi;
    private final String url;
    private final Dialect dialect;
    private final AutoCloseable pool;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private Handle writer;
    /** The last write that failed because the store was unavailable, if none has succeeded since. */
    private volatile String unavailable;

    private Database(Jdbi jdbi, String url, Dialect dialect, AutoCloseable pool) {
        this.jdbi = jdbi;
        this.url = url;
        this.dialect = dialect;
        this.pool = pool;
    }

    /** {@code jdbc:postgresql://…} opens PostgreSQL; {@code jdbc:sqlite:FILE} or a plain path, SQLite. */
    public static Database open(String urlOrPath) throws IOException {
        if (urlOrPath.startsWith("jdbc:postgresql:")) return openPostgres(urlOrPath);
        if (urlOrPath.startsWith("jdbc:sqlite:")) return openSqlite(Path.of(urlOrPath.substring("jdbc:sqlite:".length())));
        if (urlOrPath.startsWith("jdbc:")) {
            throw new IllegalArgumentException("unsupported database URL " + urlOrPath.replaceAll("password=[^&]*", "password=***")
                    + ": use jdbc:postgresql://host/db or a SQLite file path");
        }
        return openSqlite(Path.of(urlOrPath));
    }

    public static Database openSqlite(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        dataSource.setUrl(url);
        Jdbi jdbi = jdbi(dataSource);
        Migrations.apply(dataSource, Dialect.SQLITE);
        return new Database(jdbi, url, Dialect.SQLITE, null);
    }

    /**
     * PostgreSQL through a HikariCP pool. Fails at once, with the reason, when the database cannot be
     * reached: a replica that cannot store writes must not start.
     */
    public static Database openPostgres(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("steward");
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setInitializationFailTimeout(10_000);
        config.validate();
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Jdbi jdbi = jdbi(pool);
            Migrations.apply(pool, Dialect.POSTGRESQL);
            return new Database(jdbi, redact(jdbcUrl), Dialect.POSTGRESQL, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)password=[^&]*", "password=***");
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The database's URL, without any password. */
    public String url() {
        return url;
    }

    public Dialect dialect() {
        return dialect;
    }

    public LoadLog loadLog() {
        return jdbi.onDemand(LoadLog.class);
    }

    /**
     * Runs {@code work} in a transaction and returns only after the commit is durable, so whatever the
     * caller acknowledges survives a crash. {@code work} may run more than once on PostgreSQL (after a
     * serialization failure), so it must not have effects outside the transaction.
     */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        try {
            T result = dialect == Dialect.POSTGRESQL ? writePostgres(work) : writeSqlite(work);
            unavailable = null;
            return result;
        } catch (RuntimeException e) {
            if (isUnavailable(e)) unavailable = Instant.now() + ": " + rootMessage(e);
            throw e;
        }
    }

    /** Why the store cannot take writes now, or null when it can (as far as the last write and a ping tell). */
    public String health() {
        String failed = unavailable;
        if (failed != null) return "writes are failing since " + failed;
        return dialect == Dialect.POSTGRESQL && !ping() ? "PostgreSQL does not answer" : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private <T> T writeSqlite(HandleCallback<T, RuntimeException> work) {
        writeLock.lock();
        try {
            if (writer == null || writer.isClosed()) writer = jdbi.open();
            try {
                return writer.inTransaction(work);
            } catch (ConnectionException e) {
                writer.close();
                writer = null;
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T writePostgres(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(TransactionIsolationLevel.SERIALIZABLE, work);
            } catch (RuntimeException e) {
                if (attempt >= WRITE_ATTEMPTS || !isRetryable(e)) throw e;
                try {
                    // Jittered exponential backoff, capped: writers that collided spread out.
                    long cap = Math.min(100, 1L << Math.min(attempt, 7));
                    Thread.sleep(1 + ThreadLocalRandom.current().nextLong(cap));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Serialization failure or deadlock: the transaction did not commit and can simply run again. */
    private static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state)) return true;
            }
        }
        return false;
    }

    /** True when {@code e} comes from the database being unreachable, not from the request. */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getMessage() != null
                    && (sql.getMessage().contains("SQLITE_FULL") || sql.getMessage().contains("SQLITE_IOERR"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a read on a connection of its own; WAL (SQLite) and MVCC (PostgreSQL) let reads go on during writes. */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    /** True when a trivial query answers: the store can take writes. */
    public boolean ping() {
        try {
            return read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (writer != null) writer.close();
        } finally {
            writeLock.unlock();
        }
        if (pool != null) {
            try {
                pool.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Jdbi with SqlObjects and JSON columns ({@code @Json}) through the one JSON configuration. */
    private static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new Jackson2Plugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(Json.mapper());
        return jdbi;
    }
}

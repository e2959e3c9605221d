package dev.steward.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite store: WAL journal, full fsync on commit (an acknowledged write survives a
 * crash or power loss), foreign keys on, and immediate transactions so writers queue instead of
 * failing. Schema changes come from versioned migrations applied at open.
 */
public final class Database {
    private final Jdbi jdbi;
    private final String url;
    /** One writer: every write goes through one connection, in turn, so no client ever sees SQLITE_BUSY. */
    private final java.util.concurrent.locks.ReentrantLock writeLock = new java.util.concurrent.locks.ReentrantLock(true);
    private org.jdbi.v3.core.Handle writer;

    private Database(Jdbi jdbi, String url) {
        this.jdbi = jdbi;
        this.url = url;
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
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        Migrations.apply(jdbi);
        return new Database(jdbi, url);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public String url() {
        return url;
    }

    public LoadLog loadLog() {
        return jdbi.onDemand(LoadLog.class);
    }

    /**
     * Runs {@code work} in an immediate transaction on the single writer connection. It returns only
     * after the commit is on disk (synchronous=FULL), so whatever the caller acknowledges is durable.
     */
    public <T> T write(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        writeLock.lock();
        try {
            if (writer == null || writer.isClosed()) writer = jdbi.open();
            try {
                return writer.inTransaction(work);
            } catch (org.jdbi.v3.core.ConnectionException e) {
                writer.close();
                writer = null;
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs a read on a connection of its own; WAL lets reads proceed while a write commits. */
    public <T> T read(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(work);
    }
}

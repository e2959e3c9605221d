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
}

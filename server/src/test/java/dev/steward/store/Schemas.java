package dev.steward.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** What a store's schema holds, read from JDBC metadata, so tests don't list tables by hand. */
final class Schemas {
    private Schemas() {
    }

    /** Steward's tables in the store's current schema (SQLite's own sqlite_* tables left out). */
    static List<String> tables(Database db) {
        return db.read(h -> {
            try {
                return tables(h.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Table name to its column names, both lower-case, Flyway's history table left out. */
    static Map<String, SortedSet<String>> columns(Database db) {
        return db.read(h -> {
            Map<String, SortedSet<String>> columns = new TreeMap<>();
            try {
                Connection c = h.getConnection();
                for (String table : tables(c)) {
                    if (table.equals(Migrations.HISTORY_TABLE)) continue;
                    SortedSet<String> names = new TreeSet<>();
                    try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, "%")) {
                        while (rs.next()) {
                            if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                                names.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                            }
                        }
                    }
                    columns.put(table, names);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return columns;
        });
    }

    /** Drops every table, leaving the store as a database never migrated (Flyway's history included). */
    static void dropAllTables(Database db) {
        db.write(h -> {
            try {
                for (String table : tables(h.getConnection())) drop(h, db.dialect(), table);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static void drop(Handle h, Dialect dialect, String table) {
        // SQLite has no CASCADE; with foreign keys on it still drops a parent whose children are empty.
        h.execute("DROP TABLE IF EXISTS " + table + (dialect == Dialect.POSTGRESQL ? " CASCADE" : ""));
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                if (!name.startsWith("sqlite_")) tables.add(name);
            }
        }
        return tables;
    }
}

package dev.steward.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, run by Flyway from one folder per dialect ({@code migrations/sqlite},
 * {@code migrations/postgresql} next to this class): every {@code V<n>__<name>.sql} there is picked up,
 * with no list to edit. A migration once released is never edited (Flyway's checksums refuse to start
 * on one that was); changes get a new version, written for both dialects.
 *
 * <p>Replicas starting together apply each migration once: on PostgreSQL Flyway holds an advisory lock
 * while it reads its history and migrates; on SQLite, which Flyway does not lock, each of its
 * transactions starts with {@code BEGIN IMMEDIATE} (see {@link Database#openSqlite}), which takes the
 * database's write lock before the history is read.
 *
 * <p>Databases made before Flyway carry the versions they have in {@code schema_version}; Flyway is
 * baselined at the highest of them and applies only later ones. That table is kept, untouched, as the
 * record of what the old runner applied and when (dropping it would gain nothing and lose that).
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** The table where Steward's own runner, before Flyway, recorded the versions it applied. */
    static final String LEGACY_TABLE = "schema_version";
    /** Flyway's default, named here since the legacy check and the tests look for it. */
    static final String HISTORY_TABLE = "flyway_schema_history";

    private Migrations() {
    }

    /** Flyway set up for {@code dialect}'s folder, without a data source: for {@link #apply} and the tests. */
    static FluentConfiguration configure(Dialect dialect) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .locations("classpath:dev/steward/store/migrations/" + dialect.migrationsFolder())
                .table(HISTORY_TABLE)
                // A folder that isn't there (a packaging mistake) must not look like "nothing to apply".
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                // All pending migrations in one transaction, as before Flyway: a failed upgrade leaves
                // the schema at the version the running release knows, not halfway.
                .group(true)
                // In a rolling upgrade an older replica may restart after a newer one migrated: it
                // runs on with the versions it knows (Flyway's default, stated since replicas rely on it).
                .ignoreMigrationPatterns("*:future")
                // A replica waits for another's migration (PostgreSQL's lock is tried once a second) up to
                // about five minutes, not Flyway's default of 50 tries, since a data migration may run long.
                .lockRetryCount(300)
                .cleanDisabled(true);
    }

    /**
     * Applies what is missing; returns the versions this call applied (none when another replica did).
     * Fails, with Flyway's exception as the cause, when the schema does not match the migrations.
     */
    static List<String> apply(DataSource dataSource, Dialect dialect) {
        FluentConfiguration config = configure(dialect).dataSource(dataSource);
        Integer legacy = legacyVersion(dataSource);
        if (legacy != null) {
            // Only when the old runner's table is there: on an empty schema baselineOnMigrate would race
            // with another replica creating Flyway's table (Flyway then sees a non-empty schema).
            config.baselineOnMigrate(true)
                    .baselineVersion(String.valueOf(legacy))
                    .baselineDescription("applied before Flyway, see " + LEGACY_TABLE);
        }
        Flyway flyway = config.load();
        try {
            MigrateResult result = flyway.migrate();
            List<String> applied = result.migrations.stream().map(m -> m.version).toList();
            if (legacy != null) LOG.info("the {} store's schema, at version {} before Flyway, is now in {}",
                    dialect.migrationsFolder(), legacy, HISTORY_TABLE);
            if (!applied.isEmpty()) LOG.info("migrated the {} store: applied version(s) {}, now at {}",
                    dialect.migrationsFolder(), String.join(", ", applied), result.targetSchemaVersion);
            return applied;
        } catch (FlywayValidateException e) {
            throw new IllegalStateException("the " + dialect.migrationsFolder() + " store's schema history does not "
                    + "match Steward's migrations " + invalid(flyway) + " (a released migration was edited, or one "
                    + "is missing): " + e.getMessage(), e);
        } catch (FlywayException e) {
            if (e.getErrorCode() == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
                // Flyway's own advice (baseline) would hide that Steward's tables were never created.
                throw new IllegalStateException("the " + dialect.migrationsFolder() + " store's schema holds other "
                        + "tables but no migration history of Steward's: give Steward a schema or database of its "
                        + "own (" + e.getMessage() + ")", e);
            }
            throw new IllegalStateException("migrating the " + dialect.migrationsFolder() + " store failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The migrations that failed validation, by file name, for the error: Flyway's message names only
     * versions. Best effort, since it runs on the way to failing anyway.
     */
    private static List<String> invalid(Flyway flyway) {
        try {
            // Pending ones are not wrong, they just aren't applied yet (migrate ignores them too).
            ValidateResult result = Flyway.configure(Migrations.class.getClassLoader())
                    .configuration(flyway.getConfiguration())
                    .ignoreMigrationPatterns("*:future", "*:pending")
                    .load().validateWithResult();
            return result.invalidMigrations.stream()
                    .map(m -> m.filepath == null || m.filepath.isEmpty() ? "version " + m.version
                            : m.filepath.substring(m.filepath.lastIndexOf('/') + 1))
                    .toList();
        } catch (FlywayException e) {
            return List.of();
        }
    }

    /**
     * The highest version the old runner recorded, when its table is there and Flyway's is not yet;
     * otherwise null. Both replicas of a race read the same answer, and Flyway's baseline is idempotent
     * for the same version and description, so they agree.
     */
    private static Integer legacyVersion(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (hasTable(c, HISTORY_TABLE) || !hasTable(c, LEGACY_TABLE)) return null;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT max(version) FROM " + LEGACY_TABLE)) {
                rs.next();
                int version = rs.getInt(1);
                return rs.wasNull() ? null : version;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store's schema version: " + e.getMessage(), e);
        }
    }

    /** In the connection's current schema (PostgreSQL's search path; SQLite's main database). */
    private static boolean hasTable(Connection c, String name) throws SQLException {
        // The name is a LIKE pattern here ('_' matches any character), hence the exact comparison below.
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) return true;
            }
            return false;
        }
    }
}

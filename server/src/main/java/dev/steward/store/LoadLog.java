package dev.steward.store;

import dev.steward.catalog.load.LoadAttempt;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The history of load attempts, newest first: which commits were served and which rejected. */
@RegisterRowMapper(LoadLog.AttemptMapper.class)
public interface LoadLog {

    @SqlUpdate("INSERT INTO load_log(commit_id, ref, started_at, millis, outcome, entities, errors, first_error) "
            + "VALUES (:commit, :ref, :startedAt, :millis, :outcome, :entities, :errors, :firstError)")
    void record(@Bind("commit") String commit, @Bind("ref") String ref, @Bind("startedAt") String startedAt,
                @Bind("millis") long millis, @Bind("outcome") String outcome, @Bind("entities") int entities,
                @Bind("errors") int errors, @Bind("firstError") String firstError);

    default void record(LoadAttempt a) {
        record(a.commit(), a.ref(), a.startedAt().toString(), a.millis(), a.outcome().label(), a.entities(), a.errors(),
                a.firstError());
    }

    @SqlQuery("SELECT * FROM load_log ORDER BY id DESC LIMIT :limit")
    List<LoadAttempt> recent(@Bind("limit") int limit);

    final class AttemptMapper implements RowMapper<LoadAttempt> {
        @Override
        public LoadAttempt map(ResultSet rs, StatementContext ctx)
                throws SQLException {
            return new LoadAttempt(rs.getString("commit_id"), rs.getString("ref"),
                    Instant.parse(rs.getString("started_at")), rs.getLong("millis"), LoadAttempt.Outcome.of(rs.getString("outcome")),
                    rs.getInt("entities"), rs.getInt("errors"), rs.getString("first_error"));
        }
    }
}

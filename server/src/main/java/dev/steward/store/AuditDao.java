package dev.steward.store;

import org.jdbi.v3.json.Json;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit trail every write adds a row to, in the write's own transaction. */
public interface AuditDao {
    String INSERT = "INSERT INTO audit (at, actor, action, target, detail) VALUES (:at, :actor, :action, :target, :detail)";

    @SqlUpdate(INSERT)
    void audit(@Bind("at") String at, @Bind("actor") String actor, @Bind("action") String action,
               @Bind("target") String target, @Bind("detail") String detail);

    /** As {@link #audit(String, String, String, String, String)}, the detail any value, stored as its JSON. */
    @SqlUpdate(INSERT)
    void auditJson(@Bind("at") String at, @Bind("actor") String actor, @Bind("action") String action,
                   @Bind("target") String target, @Bind("detail") @Json Object detail);
}

package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import dev.steward.store.AuditDao;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapperFactory;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The incident store: all the SQL of incidents, actions, sign-offs and their audit rows, over typed
 * rows. Instants, dates, refs and statuses go through {@link TextColumns}, lists and parties as JSON.
 */
@RegisterArgumentFactory(TextColumns.Arguments.class)
@RegisterColumnMapperFactory(TextColumns.Columns.class)
@RegisterConstructorMapper(Rows.IncidentRow.class)
@RegisterConstructorMapper(Rows.ActionRow.class)
@RegisterConstructorMapper(Rows.TimelineRow.class)
@RegisterConstructorMapper(Rows.SignOffRow.class)
@RegisterConstructorMapper(Rows.EntityRow.class)
interface IncidentDao extends AuditDao {

    @SqlUpdate("INSERT INTO incident (title, severity, status, started_at, detected_at, mitigated_at, resolved_at, "
            + "closed_at, commander, summary, impact, root_causes, contributing_factors, lessons, rca_owner, "
            + "rca_reviewers, rca_commit, created_at, updated_at) VALUES (:title, :severity, :status, :startedAt, "
            + ":detectedAt, :mitigatedAt, :resolvedAt, :closedAt, :commander, :summary, :impact, :rootCauses, "
            + ":contributingFactors, :lessons, :rcaOwner, :rcaReviewers, :rcaCommit, :createdAt, :updatedAt)")
    @GetGeneratedKeys("id")
    long insertIncident(@BindMethods Rows.IncidentRow row);

    @SqlUpdate("UPDATE incident SET title = :title, severity = :severity, status = :status, started_at = :startedAt, "
            + "detected_at = :detectedAt, mitigated_at = :mitigatedAt, resolved_at = :resolvedAt, closed_at = :closedAt, "
            + "commander = :commander, summary = :summary, impact = :impact, root_causes = :rootCauses, "
            + "contributing_factors = :contributingFactors, lessons = :lessons, updated_at = :updatedAt WHERE id = :id")
    void updateIncident(@BindMethods Rows.IncidentRow row);

    @SqlQuery("SELECT * FROM incident WHERE id = :id")
    Optional<Rows.IncidentRow> incident(@Bind("id") long id);

    /**
     * The newest incidents, of one status or of any (null). The status is filtered here, before the LIMIT: filtering the limited rows afterwards
     * hid long-open incidents behind newer resolved ones. The CAST gives PostgreSQL a type for a null.
     */
    @SqlQuery("SELECT * FROM incident WHERE (CAST(:status AS TEXT) IS NULL OR status = :status) "
            + "ORDER BY id DESC LIMIT :limit")
    List<Rows.IncidentRow> incidents(@Bind("status") IncidentStatus status, @Bind("limit") int limit);

    /** As {@link #incidents}, of those that affected the entity {@code ref}. */
    @SqlQuery("SELECT * FROM incident WHERE id IN (SELECT incident_id FROM incident_entity WHERE entity_ref = :ref) "
            + "AND (CAST(:status AS TEXT) IS NULL OR status = :status) ORDER BY id DESC LIMIT :limit")
    List<Rows.IncidentRow> incidentsAffecting(@Bind("ref") EntityRef ref, @Bind("status") IncidentStatus status,
                                              @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO incident_entity (incident_id, position, entity_ref) VALUES (:incidentId, :position, :entityRef)")
    void insertEntity(@BindMethods Rows.EntityRow row);

    @SqlQuery("SELECT * FROM incident_entity WHERE incident_id IN (<ids>) ORDER BY incident_id, position")
    List<Rows.EntityRow> entities(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("INSERT INTO timeline_entry (incident_id, at, text, author) VALUES (:incidentId, :at, :text, :author)")
    void insertTimeline(@Bind("incidentId") long incidentId, @Bind("at") Instant at, @Bind("text") String text,
                        @Bind("author") String author);

    @SqlQuery("SELECT * FROM timeline_entry WHERE incident_id = :id ORDER BY at, id")
    List<Rows.TimelineRow> timeline(@Bind("id") long incidentId);

    @SqlUpdate("INSERT INTO rca_signoff (incident_id, reviewer, signed_at) VALUES (:id, :reviewer, :at) ON CONFLICT DO NOTHING")
    void signOff(@Bind("id") long incidentId, @Bind("reviewer") EntityRef reviewer, @Bind("at") Instant at);

    @SqlQuery("SELECT * FROM rca_signoff WHERE incident_id = :id ORDER BY signed_at, reviewer")
    List<Rows.SignOffRow> signOffs(@Bind("id") long incidentId);

    @SqlUpdate("INSERT INTO action_item (incident_id, title, owner, priority, due_date, status, link, created_at, "
            + "updated_at) VALUES (:incidentId, :title, :owner, :priority, :dueDate, :status, :link, :createdAt, :updatedAt)")
    @GetGeneratedKeys("id")
    long insertAction(@BindMethods Rows.ActionRow row);

    @SqlUpdate("UPDATE action_item SET title = :title, owner = :owner, priority = :priority, due_date = :dueDate, "
            + "status = :status, link = :link, updated_at = :updatedAt WHERE id = :id AND incident_id = :incidentId")
    int updateAction(@BindMethods Rows.ActionRow row);

    @SqlQuery("SELECT * FROM action_item WHERE id = :id AND incident_id = :incidentId")
    Optional<Rows.ActionRow> action(@Bind("incidentId") long incidentId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM action_item WHERE incident_id = :id ORDER BY id")
    List<Rows.ActionRow> actions(@Bind("id") long incidentId);

    @SqlQuery("SELECT * FROM action_item ORDER BY due_date, id")
    List<Rows.ActionRow> allActions();

    @SqlQuery("SELECT a.* FROM action_item a JOIN incident_entity e ON e.incident_id = a.incident_id "
            + "WHERE e.entity_ref = :ref AND a.status = 'open' AND a.due_date < :today ORDER BY a.due_date, a.id")
    List<Rows.ActionRow> overdueOn(@Bind("ref") EntityRef entityRef, @Bind("today") LocalDate today);

    @SqlQuery("SELECT count(*) FROM audit WHERE target = :target")
    int auditCount(@Bind("target") String target);

    /** Keyed by the stored label, as the metrics name them. */
    @SqlQuery("SELECT status, count(*) AS n FROM incident GROUP BY status")
    @KeyColumn("status")
    @ValueColumn("n")
    Map<String, Long> countByStatus();

    @SqlQuery("SELECT count(*) FROM action_item WHERE status = 'open'")
    long countOpenActions();

    @SqlQuery("SELECT count(*) FROM action_item WHERE status = 'open' AND due_date < :today")
    long countOverdueActions(@Bind("today") LocalDate today);

    /** The title of an incident, for the action items listed apart from it. */
    @SqlQuery("SELECT title FROM incident WHERE id = :id")
    Optional<String> title(@Bind("id") long incidentId);
}

package dev.steward.readiness.store;

import dev.steward.store.AuditDao;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of readiness evidence. Rows are only ever inserted; the newest of each key counts. */
@RegisterConstructorMapper(ReadinessDao.AttestationRow.class)
@RegisterConstructorMapper(ReadinessDao.WaiverRow.class)
interface ReadinessDao extends AuditDao {

    record AttestationRow(long id, String entityRef, String checklist, String checkId, String actor, String evidence,
                          String note, String attestedAt, String commitId, String voidValues) {
    }

    record WaiverRow(long id, String entityRef, String checklist, String checkId, String actor, String reason,
                     String untilDate, String createdAt, String commitId) {
    }

    @SqlUpdate("INSERT INTO readiness_attestation (entity_ref, checklist, check_id, actor, evidence, note, attested_at, "
            + "commit_id, void_values) VALUES (:entityRef, :checklist, :checkId, :actor, :evidence, :note, :attestedAt, "
            + ":commitId, :voidValues)")
    @GetGeneratedKeys("id")
    long insertAttestation(@BindMethods AttestationRow row);

    @SqlUpdate("INSERT INTO readiness_waiver (entity_ref, checklist, check_id, actor, reason, until_date, created_at, "
            + "commit_id) VALUES (:entityRef, :checklist, :checkId, :actor, :reason, :untilDate, :createdAt, :commitId)")
    @GetGeneratedKeys("id")
    long insertWaiver(@BindMethods WaiverRow row);

    @SqlQuery("SELECT * FROM readiness_attestation WHERE id IN (SELECT max(id) FROM readiness_attestation "
            + "GROUP BY entity_ref, checklist, check_id)")
    List<AttestationRow> latestAttestations();

    @SqlQuery("SELECT * FROM readiness_waiver WHERE id IN (SELECT max(id) FROM readiness_waiver "
            + "GROUP BY entity_ref, checklist, check_id)")
    List<WaiverRow> latestWaivers();

    @SqlQuery("SELECT coalesce(max(id), 0) FROM readiness_attestation")
    long lastAttestation();

    @SqlQuery("SELECT coalesce(max(id), 0) FROM readiness_waiver")
    long lastWaiver();
}

package dev.steward.alignment.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of alignment: each source's last scan, and the findings and facts of its last good one. */
@RegisterConstructorMapper(AlignmentDao.SourceRow.class)
@RegisterConstructorMapper(AlignmentDao.FindingRow.class)
@RegisterConstructorMapper(AlignmentDao.FactRow.class)
interface AlignmentDao {
    record SourceRow(String source, String lastScanAt, String lastOkAt, String error, long assets) {
    }

    record FindingRow(String source, String kind, String entityRef, String asset, String field, String declared,
                      String actual, String owner, String foundAt) {
    }

    record FactRow(String source, String entityRef, String facts, String observedAt) {
    }

    @SqlUpdate("DELETE FROM alignment_source WHERE source = :source")
    void deleteSource(@Bind("source") String source);

    @SqlUpdate("INSERT INTO alignment_source (source, last_scan_at, last_ok_at, error, assets) "
            + "VALUES (:source, :lastScanAt, :lastOkAt, :error, :assets)")
    void insertSource(@BindMethods SourceRow row);

    @SqlUpdate("DELETE FROM alignment_finding WHERE source = :source")
    void deleteFindings(@Bind("source") String source);

    @SqlUpdate("INSERT INTO alignment_finding (source, kind, entity_ref, asset, field, declared, actual, owner, found_at) "
            + "VALUES (:source, :kind, :entityRef, :asset, :field, :declared, :actual, :owner, :foundAt)")
    void insertFinding(@BindMethods FindingRow row);

    @SqlUpdate("DELETE FROM alignment_fact WHERE source = :source")
    void deleteFacts(@Bind("source") String source);

    @SqlUpdate("INSERT INTO alignment_fact (source, entity_ref, facts, observed_at) VALUES (:source, :entityRef, :facts, :observedAt)")
    void insertFact(@BindMethods FactRow row);

    @SqlQuery("SELECT * FROM alignment_source ORDER BY source")
    List<SourceRow> sources();

    @SqlQuery("SELECT source, kind, entity_ref, asset, field, declared, actual, owner, found_at FROM alignment_finding "
            + "ORDER BY id")
    List<FindingRow> findings();

    @SqlQuery("SELECT * FROM alignment_fact ORDER BY source, entity_ref")
    List<FactRow> facts();
}

package dev.steward.search;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The full-text index of one snapshot: an FTS5 table of entities and runbooks. */
@RegisterConstructorMapper(SearchHit.class)
@RegisterConstructorMapper(SearchDao.Ranked.class)
interface SearchDao {
    String HIT = "SELECT kind, target, title, snippet(doc, 3, '[', ']', '…', 12) AS snippet, "
            + "bm25(doc, 0, 0, 5.0, 1.0) AS rank FROM doc ";

    /** An entity row's place in the index and its rank for a query (lower is better). */
    record Ranked(long rowid, String target, double rank) {
    }

    @SqlUpdate("CREATE VIRTUAL TABLE doc USING fts5(kind UNINDEXED, target UNINDEXED, title, body, "
            + "tokenize = 'porter unicode61')")
    void create();

    @SqlUpdate("INSERT INTO doc (kind, target, title, body) VALUES (:kind, :target, :title, :body)")
    void add(@Bind("kind") String kind, @Bind("target") String target, @Bind("title") String title,
             @Bind("body") String body);

    @SqlQuery(HIT + "WHERE doc MATCH :query AND kind = 'runbook' ORDER BY rank LIMIT :limit")
    List<SearchHit> runbooks(@Bind("query") String query, @Bind("limit") int limit);

    @SqlQuery("SELECT rowid, target, bm25(doc, 0, 0, 5.0, 1.0) AS rank FROM doc WHERE doc MATCH :query AND kind = 'entity'")
    List<Ranked> rankEntities(@Bind("query") String query);

    @SqlQuery(HIT + "WHERE doc MATCH :query AND rowid IN (<rowids>)")
    List<SearchHit> hits(@Bind("query") String query, @BindList("rowids") List<Long> rowids);
}

package dev.steward.search;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.yaml.FrontMatter;
import dev.steward.catalog.model.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteDataSource;

/**
 * Search over one snapshot's entities and runbooks. Which entities are hits is {@link TextMatch}'s to
 * decide, as for every other text search over entities; an in-memory SQLite FTS5 table, built for the
 * snapshot and dropped with it, finds the runbooks and ranks and highlights every hit. Queries are
 * turned into quoted prefix terms, so user input is never FTS5 syntax.
 */
public final class SearchIndex implements AutoCloseable {
    /**
     * The rank of an entity hit that FTS5 does not find (a word inside a word, say): after every hit
     * it ranks, since bm25 ranks are negative. Among themselves such hits stay in ref order.
     */
    private static final double UNRANKED = 0.0;

    private final String commit;
    private final List<Entity> entities;
    private final Handle handle;

    private SearchIndex(String commit, List<Entity> entities, Handle handle) {
        this.commit = commit;
        this.entities = entities;
        this.handle = handle;
    }

    public static SearchIndex build(Catalog catalog) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite::memory:");
        Handle handle = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).open();
        handle.useTransaction(h -> {
            SearchDao tx = h.attach(SearchDao.class);
            tx.create();
            for (Entity e : catalog.entities()) {
                tx.add("entity", e.ref().toString(), title(e), String.join(" ", TextMatch.texts(e)));
            }
            for (String path : catalog.runbooks().paths()) {
                FrontMatter fm = FrontMatter.parse(path, catalog.runbooks().content(path));
                String title = fm.string("title") != null ? fm.string("title") : path;
                tx.add("runbook", path, title, path + " " + fm.body());
            }
        });
        return new SearchIndex(catalog.commit(), catalog.entities(), handle);
    }

    public String commit() {
        return commit;
    }

    /** The best {@code limit} hits, entities and runbooks together, best first. */
    public synchronized List<SearchHit> search(String text, int limit) {
        TextMatch match = TextMatch.of(text);
        if (match.isEmpty()) return List.of();
        String query = toQuery(text);
        SearchDao dao = handle.attach(SearchDao.class);
        Map<String, SearchDao.Ranked> ranked = new HashMap<>();
        if (!query.isEmpty()) dao.rankEntities(query).forEach(r -> ranked.put(r.target(), r));
        List<SearchHit> hits = new ArrayList<>();
        for (Entity e : entities) {
            if (!match.matches(e)) continue;
            SearchDao.Ranked r = ranked.get(e.ref().toString());
            hits.add(new SearchHit("entity", e.ref().toString(), title(e), e.description() == null ? "" : e.description(),
                    r == null ? UNRANKED : r.rank()));
        }
        if (!query.isEmpty()) hits.addAll(dao.runbooks(query, limit));
        hits.sort(Comparator.comparingDouble(SearchHit::rank));
        return highlighted(dao, query, hits.subList(0, Math.min(limit, hits.size())), ranked);
    }

    /** The hits with FTS5's snippets for the entities it ranked, made only for the hits answered. */
    private static List<SearchHit> highlighted(SearchDao dao, String query, List<SearchHit> hits,
                                               Map<String, SearchDao.Ranked> ranked) {
        List<Long> rowids = new ArrayList<>();
        for (SearchHit h : hits) {
            SearchDao.Ranked r = h.kind().equals("entity") ? ranked.get(h.target()) : null;
            if (r != null) rowids.add(r.rowid());
        }
        if (rowids.isEmpty()) return List.copyOf(hits);
        Map<String, SearchHit> snippets = new HashMap<>();
        dao.hits(query, rowids).forEach(h -> snippets.put(h.target(), h));
        return hits.stream().map(h -> h.kind().equals("entity") && snippets.containsKey(h.target())
                ? snippets.get(h.target()) : h).toList();
    }

    /** {@code orders fact} becomes {@code "orders"* "fact"*}: every word, as a prefix, all required. */
    static String toQuery(String text) {
        List<String> terms = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) terms.add("\"" + word + "\"*");
        }
        return String.join(" ", terms);
    }

    private static String title(Entity e) {
        return e.title() != null ? e.title() : e.name();
    }

    @Override
    public synchronized void close() {
        handle.close();
    }
}

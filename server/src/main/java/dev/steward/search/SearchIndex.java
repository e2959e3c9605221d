package dev.steward.search;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.yaml.FrontMatter;
import dev.steward.catalog.model.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteDataSource;

/**
 * Full-text search over one snapshot's entities and runbooks, in an in-memory SQLite FTS5 table
 * built for that snapshot and dropped with it. Queries are turned into quoted prefix terms, so user
 * input is never FTS5 syntax.
 */
public final class SearchIndex implements AutoCloseable {
    private final String commit;
    private final Handle handle;

    private SearchIndex(String commit, Handle handle) {
        this.commit = commit;
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
                String title = e.title() != null ? e.title() : e.name();
                tx.add("entity", e.ref().toString(), title, String.join(" ", e.ref().toString(), e.name(),
                        nz(e.description()), nz(e.type()), e.owner() == null ? "" : e.owner().toString(),
                        e.system() == null ? "" : e.system().toString(), String.join(" ", e.tags())));
            }
            for (String path : catalog.runbooks().paths()) {
                FrontMatter fm = FrontMatter.parse(path, catalog.runbooks().content(path));
                String title = fm.string("title") != null ? fm.string("title") : path;
                tx.add("runbook", path, title, path + " " + fm.body());
            }
        });
        return new SearchIndex(catalog.commit(), handle);
    }

    public String commit() {
        return commit;
    }

    public synchronized List<SearchHit> search(String text, int limit) {
        String query = toQuery(text);
        if (query.isEmpty()) return List.of();
        return handle.attach(SearchDao.class).search(query, limit);
    }

    /** {@code orders fact} becomes {@code "orders"* "fact"*}: every word, as a prefix, all required. */
    static String toQuery(String text) {
        List<String> terms = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) terms.add("\"" + word + "\"*");
        }
        return String.join(" ", terms);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public synchronized void close() {
        handle.close();
    }
}

package dev.steward.search;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import java.util.List;
import java.util.Objects;

/**
 * The search index of the served snapshot: built on the first search after a reload, then kept
 * until the next one, when the old index is closed.
 */
public final class Search {
    private final LiveCatalog live;
    private SearchIndex index;

    public Search(LiveCatalog live) {
        this.live = live;
    }

    public synchronized List<SearchHit> search(String text, int limit) {
        return index(live.current()).search(text, limit);
    }

    private synchronized SearchIndex index(Catalog catalog) {
        if (index == null || !Objects.equals(index.commit(), catalog.commit())) {
            SearchIndex old = index;
            index = SearchIndex.build(catalog);
            if (old != null) old.close();
        }
        return index;
    }
}

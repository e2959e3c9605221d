package dev.steward.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.steward.catalog.Catalog;
import java.util.function.Supplier;

/**
 * Serialized answers of one snapshot. A snapshot is immutable, so an answer computed from it stays
 * right for as long as it is served; a new snapshot starts an empty cache (the old one is dropped
 * whole, never mixed). Bounded by Caffeine to {@link #MAX_ENTRIES} answers, the least useful evicted.
 */
final class AnswerCache {
    static final int MAX_ENTRIES = 50_000;

    private record Generation(Catalog catalog, Cache<String, byte[]> answers) {
        static Generation of(Catalog catalog) {
            return new Generation(catalog, Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build());
        }
    }

    private volatile Generation generation = Generation.of(null);

    byte[] get(Catalog catalog, String key, Supplier<byte[]> compute) {
        Generation g = generation;
        if (g.catalog() != catalog) {
            g = Generation.of(catalog);
            generation = g; // a request still on the old snapshot keeps its own generation
        }
        byte[] answer = g.answers().getIfPresent(key);
        if (answer != null) return answer;
        // Computed outside the cache's lock: two requests for the same new answer may both compute it,
        // which costs less than making every other key wait behind one slow answer.
        answer = compute.get();
        g.answers().put(key, answer);
        return answer;
    }
}

package dev.steward.http;

import dev.steward.catalog.Catalog;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Serialized answers of one snapshot. A snapshot is immutable, so an answer computed from it stays
 * right for as long as it is served; a new snapshot starts an empty cache (the old one is dropped
 * whole, never mixed). Bounded: past {@link #MAX_ENTRIES} answers, new ones are computed but not kept.
 */
final class AnswerCache {
    static final int MAX_ENTRIES = 50_000;

    private record Generation(Catalog catalog, ConcurrentHashMap<String, byte[]> answers) {
    }

    private volatile Generation generation = new Generation(null, new ConcurrentHashMap<>());

    byte[] get(Catalog catalog, String key, Supplier<byte[]> compute) {
        Generation g = generation;
        if (g.catalog() != catalog) {
            g = new Generation(catalog, new ConcurrentHashMap<>());
            generation = g; // a request still on the old snapshot keeps its own generation
        }
        byte[] answer = g.answers().get(key);
        if (answer != null) return answer;
        answer = compute.get();
        if (g.answers().size() < MAX_ENTRIES) g.answers().putIfAbsent(key, answer);
        return answer;
    }
}

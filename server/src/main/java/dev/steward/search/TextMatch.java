package dev.steward.search;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether an entity matches a text query: the one rule behind {@code /api/entities?q=}, the entity
 * hits of {@code /api/search} and Backstage's {@code fullTextFilter}. The query is split on white
 * space into words; every word must occur, ignoring case, somewhere in one of the fields. A word is
 * matched as a substring, as Backstage's catalog backend matches its term ({@code LIKE %term%}), so a
 * one-word query answers exactly as Backstage does and {@code table-2} finds {@code table-20}; words
 * are not split further on punctuation, since entity names are kebab-case and {@code orders-fact}
 * must not match an entity that merely mentions orders and facts. Several words may match in
 * different fields, so {@code partitioned order} finds a table by its description and its name.
 */
public final class TextMatch {
    /**
     * The fields searched when the caller names none, as Backstage field paths. Owner and system
     * are left out on purpose: they have filters of their own, and matching them would return every
     * entity a team owns for a search of the team's name.
     */
    public static final List<String> DEFAULT_FIELDS = List.of("metadata.name", "metadata.title",
            "metadata.description", "metadata.tags", "spec.type", "spec.profile.displayName");

    private final List<String> words;

    private TextMatch(List<String> words) {
        this.words = words;
    }

    /** The query {@code text}; null or blank text matches every entity. */
    public static TextMatch of(String text) {
        List<String> words = new ArrayList<>();
        if (text != null) {
            for (String word : fold(text).trim().split("\\s+")) if (!word.isEmpty()) words.add(word);
        }
        return new TextMatch(List.copyOf(words));
    }

    /** True when the query has no words, so it matches everything. */
    public boolean isEmpty() {
        return words.isEmpty();
    }

    public List<String> words() {
        return words;
    }

    /** Whether every word occurs in the entity's ref or one of the {@link #DEFAULT_FIELDS}. */
    public boolean matches(Entity entity) {
        return isEmpty() || matches(texts(entity));
    }

    /** Whether every word occurs in one of {@code values} (in any case). */
    public boolean matches(List<String> values) {
        if (isEmpty()) return true;
        List<String> folded = values.stream().map(TextMatch::fold).toList();
        for (String word : words) {
            if (folded.stream().noneMatch(v -> v.contains(word))) return false;
        }
        return true;
    }

    /** The entity's searchable text: its ref (so {@code resource:orders} works) and the default fields. */
    public static List<String> texts(Entity e) {
        List<String> out = new ArrayList<>();
        out.add(e.ref().toString());
        out.add(e.name());
        add(out, e.title());
        add(out, e.description());
        add(out, e.type());
        out.addAll(e.tags());
        add(out, Values.string(Values.map(e.spec().get("profile")).get("displayName")));
        return out;
    }

    private static void add(List<String> out, String value) {
        if (value != null) out.add(value);
    }

    /** The case folding of both sides: locale-independent, so Turkish I's do not change a match. */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

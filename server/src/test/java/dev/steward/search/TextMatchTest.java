package dev.steward.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text rule itself: words, case, substrings, fields. */
class TextMatchTest {
    private static final Entity ORDERS = new Entity(EntityRef.parse("resource:default/orders-fact"),
            "backstage.io/v1alpha1", "Resource", Map.of(
                    "metadata", Map.of("name", "orders-fact", "title", "Orders Fact",
                            "description", "Order facts partitioned by day", "tags", List.of("finance")),
                    "spec", Map.of("type", "iceberg-table", "owner", "lakehouse")),
            new SourceLocation("catalog-yaml/a.yaml", 1), Map.of());

    @Test
    void everyWordMustOccurSomewhereIgnoringCase() {
        assertTrue(TextMatch.of("PARTITIONED order").matches(ORDERS), "words may match different fields");
        assertFalse(TextMatch.of("partitioned hourly").matches(ORDERS), "every word is required");
    }

    @Test
    void aWordMatchesInsideAValueAsBackstagesLikeDoes() {
        assertTrue(TextMatch.of("able").matches(ORDERS), "inside iceberg-table");
        assertTrue(TextMatch.of("rders-f").matches(ORDERS));
    }

    @Test
    void aHyphenIsPartOfTheWord() {
        assertTrue(TextMatch.of("orders-fact").matches(ORDERS));
        assertFalse(TextMatch.of("fact-orders").matches(ORDERS), "not split into 'fact' and 'orders'");
    }

    @Test
    void theRefAndTagsAreSearchedButNotTheOwner() {
        assertTrue(TextMatch.of("resource:default/orders").matches(ORDERS));
        assertTrue(TextMatch.of("Finance").matches(ORDERS));
        assertFalse(TextMatch.of("lakehouse").matches(ORDERS), "owners have a filter of their own");
    }

    @Test
    void blankTextMatchesEverything() {
        assertTrue(TextMatch.of("  ").isEmpty());
        assertTrue(TextMatch.of(null).matches(ORDERS));
    }

    @Test
    void namedValuesAreMatchedTheSameWay() {
        assertTrue(TextMatch.of("ORDERS").matches(List.of("orders-fact")));
        assertFalse(TextMatch.of("orders").matches(List.of()));
    }
}

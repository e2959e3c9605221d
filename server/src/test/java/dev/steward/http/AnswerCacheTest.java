package dev.steward.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steward.catalog.Catalog;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {
    @Test
    void answersAreKeptPerSnapshotAndNeverCrossToTheNext() {
        AnswerCache cache = new AnswerCache();
        Catalog first = Catalog.empty("a", List.of());
        Catalog second = Catalog.empty("b", List.of());
        AtomicInteger computed = new AtomicInteger();
        byte[] one = cache.get(first, "k", () -> new byte[] {(byte) computed.incrementAndGet()});
        byte[] again = cache.get(first, "k", () -> new byte[] {(byte) computed.incrementAndGet()});
        assertArrayEquals(one, again);
        assertEquals(1, computed.get());
        byte[] next = cache.get(second, "k", () -> new byte[] {(byte) computed.incrementAndGet()});
        assertEquals(2, next[0], "a new snapshot computes anew");
    }
}

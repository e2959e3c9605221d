package dev.steward.backstage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cursors on the wire: base64 JSON, readable across versions, and only predicate cursors say {@code query}. */
class CursorTest {
    private static String json(String cursor) {
        return new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
    }

    @Test
    void aCursorReadsBackAsTheSameQueryAndPlace() {
        Cursor first = Cursor.ofFilter(List.of("kind=component"), List.of(new EntityQuery.Order("metadata.name", false)),
                new EntityQuery.FullText("orders", List.of("metadata.name")));
        Cursor next = first.at(true, List.of("orders", "component:default/orders"));
        assertEquals(next, Cursor.decode(next.encode()));
    }

    @Test
    void onlyPredicateCursorsCarryAQueryKeyForBackstagesClient() {
        assertFalse(json(Cursor.ofFilter(List.of(), List.of(), null).encode()).contains("\"query\""));
        String predicate = json(Cursor.ofPredicate(null, List.of(), null).encode());
        assertTrue(predicate.contains("\"query\":{}"), predicate);
        assertTrue(Cursor.decode(Cursor.ofPredicate(null, List.of(), null).encode()).isPredicate());
    }

    @Test
    void cursorsWrittenByTheUntypedServerStillRead() {
        String old = Base64.getEncoder().encodeToString(("{\"filter\":[\"kind=resource\"],\"orderFields\":[{\"field\":"
                + "\"metadata.name\",\"order\":\"desc\"}],\"fullTextFilter\":{\"term\":\"t\",\"fields\":[]},"
                + "\"after\":[\"table-09\",\"resource:default/table-09\"]}").getBytes(StandardCharsets.UTF_8));
        Cursor cursor = Cursor.decode(old);
        assertEquals(List.of("kind=resource"), cursor.filter());
        assertEquals(List.of(new EntityQuery.Order("metadata.name", false)), cursor.order());
        assertEquals("t", cursor.fullTextFilter().term());
        assertEquals(List.of("table-09", "resource:default/table-09"), cursor.after());
        assertEquals(cursor, Cursor.decode(cursor.encode()), "and writes back the same");
    }

    @Test
    void aCursorThatIsNotOursIsAnInputErrorWithItsCause() {
        BackstageError e = assertThrows(BackstageError.class, () -> Cursor.decode("not base64!"));
        assertEquals(400, e.status());
        assertEquals("InputError", e.name());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
        BackstageError misfit = assertThrows(BackstageError.class, () -> Cursor.fitting(List.of("a", "b", "c"), List.of()));
        assertTrue(misfit.getMessage().contains("does not fit its order"), misfit.getMessage());
        assertEquals(Map.of(), Cursor.ofPredicate(null, List.of(), null).query());
    }
}

package dev.steward.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    @Test
    void partsStopInTheReverseOrderOfTheirStartAndAFailureStopsNoOther() {
        List<String> stopped = new ArrayList<>();
        Lifecycle parts = new Lifecycle();
        parts.started("database", () -> stopped.add("database"));
        parts.started("overdue timer", () -> stopped.add("overdue timer"));
        parts.onStop("broken", () -> {
            stopped.add("broken");
            throw new IllegalStateException("will not stop");
        });
        parts.started("http", () -> stopped.add("http"));

        parts.close();
        assertEquals(List.of("http", "broken", "overdue timer", "database"), stopped);
        parts.close();
        assertEquals(4, stopped.size(), "a second close stops nothing twice");
        assertThrows(IllegalStateException.class, () -> parts.started("late", () -> { }));
    }
}

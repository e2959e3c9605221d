package dev.steward.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steward.catalog.model.EntityRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The commands read from request bodies: typed values, and each problem an InvalidInput naming its field. */
class IncidentCommandsTest {

    private static void assertField(String field, Executable parse) {
        InvalidInput e = assertThrows(InvalidInput.class, parse);
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void aCreateBodyBecomesTypedValuesWithListsNeverNull() {
        CreateIncident c = CreateIncident.parse(Map.of("title", "Orders late", "severity", "sev2",
                "entities", List.of("orders-fact"), "startedAt", "2026-11-24T02:14:00Z"));
        assertEquals(Severity.SEV2, c.severity());
        assertEquals(Instant.parse("2026-11-24T02:14:00Z"), c.startedAt());
        assertEquals(List.of(), c.rootCauses());
        assertNull(c.detectedAt());
    }

    @Test
    void createProblemsNameTheirField() {
        assertField("title", () -> CreateIncident.parse(Map.of("severity", "SEV2", "entities", List.of("x"))));
        assertField("entities", () -> CreateIncident.parse(Map.of("title", "t", "severity", "SEV2", "entities", List.of())));
        assertField("entities[1]", () -> CreateIncident.parse(Map.of("title", "t", "severity", "SEV2",
                "entities", List.of("x", 3))));
        assertField("lessons[0]", () -> CreateIncident.parse(Map.of("title", "t", "severity", "SEV2",
                "entities", List.of("x"), "lessons", List.of(1))));
    }

    @Test
    void anUpdateKeepsWhatItLeavesOutAndClearsWhatItSetsToNull() {
        Map<String, Object> body = new HashMap<>();
        body.put("commander", null);
        body.put("signOff", "gus");
        UpdateIncident u = UpdateIncident.parse(body);
        assertNull(u.status());
        assertNull(u.summary(), "left out: kept");
        assertEquals(new Patch<String>(null), u.commander(), "null: cleared");
        assertEquals(EntityRef.parse("user:default/gus"), u.signOff());
    }

    @Test
    void updateProblemsNameTheirField() {
        assertField("status", () -> UpdateIncident.parse(Map.of("status", "archived")));
        assertField("signOff", () -> UpdateIncident.parse(Map.of("signOff", "group:sre")));
        assertField("timeline[0].text", () -> UpdateIncident.parse(Map.of("timeline", List.of(Map.of("at", "x")))));
        assertField("timeline[0].at", () -> UpdateIncident.parse(Map.of("timeline",
                List.of(Map.of("at", "yesterday", "text", "t")))));
    }

    @Test
    void anActionDefaultsToP2AndItsProblemsNameTheirField() {
        AddAction a = AddAction.parse(Map.of("title", "x", "owner", "lakehouse", "dueDate", "2026-12-01"));
        assertEquals(Priority.P2, a.priority());
        assertEquals(EntityRef.parse("group:default/lakehouse"), a.owner());
        assertEquals(LocalDate.parse("2026-12-01"), a.dueDate());
        assertField("link", () -> AddAction.parse(Map.of("title", "x", "owner", "o", "link", "javascript:alert(1)")));
        assertField("dueDate", () -> AddAction.parse(Map.of("title", "x", "owner", "o", "dueDate", "soon")));
        assertField("status", () -> UpdateAction.parse(Map.of("status", "maybe")));
        assertEquals(ActionStatus.WONT_DO, UpdateAction.parse(Map.of("status", "wont-do")).status());
    }
}

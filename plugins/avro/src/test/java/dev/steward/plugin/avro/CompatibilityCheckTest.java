package dev.steward.plugin.avro;

import static dev.steward.plugin.avro.Schemas.CODE_INT;
import static dev.steward.plugin.avro.Schemas.CODE_STRING;
import static dev.steward.plugin.avro.Schemas.ID_ONLY;
import static dev.steward.plugin.avro.Schemas.NOTE_WITHOUT_DEFAULT;
import static dev.steward.plugin.avro.Schemas.NOTE_WITH_DEFAULT;
import static dev.steward.plugin.avro.Schemas.QTY_INT;
import static dev.steward.plugin.avro.Schemas.QTY_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckTest {

    private static Schema schema(String json) {
        return new Schema.Parser().parse(json);
    }

    private static CompatibilityCheck.Result check(String mode, String newer, String... earlier) {
        return CompatibilityCheck.check(mode, schema(newer),
                java.util.Arrays.stream(earlier).map(CompatibilityCheckTest::schema).toList());
    }

    @Test
    void addingFieldWithDefaultIsCompatibleInEveryMode() {
        for (CompatibilityMode mode : CompatibilityMode.values()) {
            assertTrue(check(mode.name(), NOTE_WITH_DEFAULT, ID_ONLY).compatible(), mode.name());
        }
    }

    @Test
    void changingStringToIntBreaksEveryModeButNone() {
        for (CompatibilityMode mode : CompatibilityMode.values()) {
            assertEquals(mode == CompatibilityMode.NONE, check(mode.name(), CODE_INT, CODE_STRING).compatible(),
                    mode.name());
        }
    }

    @Test
    void addingFieldWithoutDefaultBreaksBackwardWithAReasonNamingTheField() {
        CompatibilityCheck.Result result = check("BACKWARD", NOTE_WITHOUT_DEFAULT, ID_ONLY);
        assertFalse(result.compatible());
        assertEquals(1, result.problems().size(), result.reason());
        assertTrue(result.reason().startsWith("BACKWARD"), result.reason());
        assertTrue(result.reason().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), result.reason());
        assertTrue(result.reason().contains("/fields/1"), result.reason());
        assertTrue(result.reason().contains("note"), result.reason());
    }

    @Test
    void promotingIntToLongBreaksForwardWithATypeMismatch() {
        assertTrue(check("BACKWARD", QTY_LONG, QTY_INT).compatible());
        CompatibilityCheck.Result result = check("FORWARD", QTY_LONG, QTY_INT);
        assertFalse(result.compatible());
        assertTrue(result.reason().contains("TYPE_MISMATCH"), result.reason());
    }

    @Test
    void fullReportsBothDirections() {
        // v1 {id, qty: int} -> {id, code: string}: qty missing (no default), code missing (no default).
        CompatibilityCheck.Result result = check("FULL", CODE_STRING, QTY_INT);
        assertFalse(result.compatible());
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("BACKWARD")), result.reason());
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("FORWARD")), result.reason());
    }

    @Test
    void nonTransitiveModesCheckOnlyThePreviousVersion() {
        // v3 {id, note} against v2 {id, note = ""} then v1 {id}.
        assertTrue(check("BACKWARD", NOTE_WITHOUT_DEFAULT, NOTE_WITH_DEFAULT, ID_ONLY).compatible());
        CompatibilityCheck.Result result = check("BACKWARD_TRANSITIVE", NOTE_WITHOUT_DEFAULT, NOTE_WITH_DEFAULT,
                ID_ONLY);
        assertFalse(result.compatible());
        assertTrue(result.reason().contains("the version 2 back"), result.reason());
    }

    @Test
    void noEarlierVersionIsCompatible() {
        assertTrue(CompatibilityCheck.check("FULL_TRANSITIVE", new Schema.Parser().parse(CODE_INT), List.of())
                .compatible());
    }

    @Test
    void unknownModeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> check("STRICT", ID_ONLY, ID_ONLY));
    }
}

package dev.steward.plugin.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompatibilityModeTest {

    @Test
    void parsingIgnoresCaseAndSurroundingBlanks() {
        assertEquals(CompatibilityMode.FULL_TRANSITIVE, CompatibilityMode.parse(" full_transitive "));
        assertEquals(CompatibilityMode.NONE, CompatibilityMode.parse("None"));
    }

    @Test
    void missingOrBlankMeansBackward() {
        assertEquals(CompatibilityMode.BACKWARD, CompatibilityMode.parse(null));
        assertEquals(CompatibilityMode.BACKWARD, CompatibilityMode.parse("  "));
    }

    @Test
    void unknownValueIsRejectedNamingTheValueAndTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompatibilityMode.parse("FULLY"));
        assertTrue(e.getMessage().contains("'FULLY'"), e.getMessage());
        for (CompatibilityMode mode : CompatibilityMode.values()) {
            assertTrue(e.getMessage().contains(mode.name()), e.getMessage());
        }
    }

    @Test
    void fullChecksBothDirectionsAndNoneChecksNeither() {
        assertTrue(CompatibilityMode.FULL.checksBackward() && CompatibilityMode.FULL.checksForward());
        assertFalse(CompatibilityMode.NONE.checksBackward() || CompatibilityMode.NONE.checksForward());
        assertTrue(CompatibilityMode.FORWARD_TRANSITIVE.transitive());
        assertFalse(CompatibilityMode.FORWARD.transitive());
    }
}

package dev.steward.plugin.avro;

import static dev.steward.plugin.avro.Schemas.CODE_INT;
import static dev.steward.plugin.avro.Schemas.CODE_STRING;
import static dev.steward.plugin.avro.Schemas.DETECTED;
import static dev.steward.plugin.avro.Schemas.ID_ONLY;
import static dev.steward.plugin.avro.Schemas.NOTE_WITHOUT_DEFAULT;
import static dev.steward.plugin.avro.Schemas.NOTE_WITH_DEFAULT;
import static dev.steward.plugin.avro.Schemas.QTY_INT;
import static dev.steward.plugin.avro.Schemas.QTY_LONG;
import static dev.steward.plugin.avro.Schemas.api;
import static dev.steward.plugin.avro.Schemas.avroApi;
import static dev.steward.plugin.avro.Schemas.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.plugin.ChangeClassifier;
import dev.steward.plugin.EntityChange;
import dev.steward.plugin.StewardPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AvroClassifierTest {

    private static final Set<String> BREAKING = Set.of("schema-change", AvroClassifier.BREAKING);

    private final AvroClassifier classifier = new AvroClassifier();

    private Set<String> classify(EntityChange change) {
        return classifier.classify(change);
    }

    private Set<String> classify(String mode, String from, String to) {
        return classify(change(mode, from, to));
    }

    @Nested
    class Backward {
        @Test
        void addingFieldWithDefaultIsCompatibleWithBackward() {
            assertEquals(DETECTED, classify("BACKWARD", ID_ONLY, NOTE_WITH_DEFAULT));
        }

        @Test
        void promotingIntToLongIsCompatibleWithBackward() {
            assertEquals(DETECTED, classify("BACKWARD", QTY_INT, QTY_LONG));
        }

        @Test
        void removingFieldWithoutDefaultIsCompatibleWithBackward() {
            assertEquals(DETECTED, classify("BACKWARD", NOTE_WITHOUT_DEFAULT, ID_ONLY));
        }

        @Test
        void addingFieldWithoutDefaultBreaksBackward() {
            assertEquals(BREAKING, classify("BACKWARD", ID_ONLY, NOTE_WITHOUT_DEFAULT));
        }

        @Test
        void changingStringToIntBreaksBackward() {
            assertEquals(BREAKING, classify("BACKWARD", CODE_STRING, CODE_INT));
        }

        @Test
        void noModeMeansBackward() {
            assertEquals(BREAKING, classify(null, ID_ONLY, NOTE_WITHOUT_DEFAULT));
            assertEquals(DETECTED, classify(null, NOTE_WITHOUT_DEFAULT, ID_ONLY));
        }

        @Test
        void modeIsCaseInsensitive() {
            assertEquals(BREAKING, classify("backward", ID_ONLY, NOTE_WITHOUT_DEFAULT));
            assertEquals(DETECTED, classify("Forward", ID_ONLY, NOTE_WITHOUT_DEFAULT));
        }
    }

    @Nested
    class Forward {
        @Test
        void addingFieldWithoutDefaultIsCompatibleWithForward() {
            assertEquals(DETECTED, classify("FORWARD", ID_ONLY, NOTE_WITHOUT_DEFAULT));
        }

        @Test
        void removingFieldWithDefaultIsCompatibleWithForward() {
            assertEquals(DETECTED, classify("FORWARD", NOTE_WITH_DEFAULT, ID_ONLY));
        }

        @Test
        void removingFieldWithoutDefaultBreaksForward() {
            assertEquals(BREAKING, classify("FORWARD", NOTE_WITHOUT_DEFAULT, ID_ONLY));
        }

        @Test
        void promotingIntToLongBreaksForward() {
            assertEquals(BREAKING, classify("FORWARD", QTY_INT, QTY_LONG));
        }

        @Test
        void changingStringToIntBreaksForward() {
            assertEquals(BREAKING, classify("FORWARD", CODE_STRING, CODE_INT));
        }
    }

    @Nested
    class Full {
        @Test
        void addingFieldWithDefaultIsCompatibleWithFull() {
            assertEquals(DETECTED, classify("FULL", ID_ONLY, NOTE_WITH_DEFAULT));
        }

        @Test
        void removingFieldWithDefaultIsCompatibleWithFull() {
            assertEquals(DETECTED, classify("FULL", NOTE_WITH_DEFAULT, ID_ONLY));
        }

        @Test
        void addingFieldWithoutDefaultBreaksFull() {
            assertEquals(BREAKING, classify("FULL", ID_ONLY, NOTE_WITHOUT_DEFAULT));
        }

        @Test
        void removingFieldWithoutDefaultBreaksFull() {
            assertEquals(BREAKING, classify("FULL", NOTE_WITHOUT_DEFAULT, ID_ONLY));
        }

        @Test
        void promotingIntToLongBreaksFull() {
            assertEquals(BREAKING, classify("FULL", QTY_INT, QTY_LONG));
        }

        @Test
        void changingStringToIntBreaksFull() {
            assertEquals(BREAKING, classify("FULL", CODE_STRING, CODE_INT));
        }
    }

    @Nested
    class None {
        @Test
        void changingStringToIntIsNotBreakingWithNone() {
            assertEquals(DETECTED, classify("NONE", CODE_STRING, CODE_INT));
        }

        @Test
        void addingFieldWithoutDefaultIsNotBreakingWithNone() {
            assertEquals(DETECTED, classify("none", ID_ONLY, NOTE_WITHOUT_DEFAULT));
        }
    }

    /**
     * v1 {id}, v2 {id, note = ""}, v3 {id, note} (the default removed). v3 reads v2's data, which always
     * has a note, but not v1's, which has none.
     */
    @Nested
    class BackwardTransitive {
        private final List<Map<String, Object>> history = List.of(
                avroApi(NOTE_WITH_DEFAULT, "BACKWARD_TRANSITIVE"), avroApi(ID_ONLY, "BACKWARD_TRANSITIVE"));

        private Set<String> v2ToV3(String mode) {
            return classify(change(avroApi(NOTE_WITH_DEFAULT, mode), avroApi(NOTE_WITHOUT_DEFAULT, mode),
                    () -> history));
        }

        @Test
        void removingDefaultIsCompatibleWithPreviousVersionUnderBackward() {
            assertEquals(DETECTED, v2ToV3("BACKWARD"));
        }

        @Test
        void removingDefaultBreaksBackwardTransitiveWhenAnOlderVersionLacksTheField() {
            assertEquals(BREAKING, v2ToV3("BACKWARD_TRANSITIVE"));
        }

        @Test
        void addingFieldWithDefaultIsCompatibleWithBackwardTransitive() {
            String v3 = Schemas.record("""
                    {"name": "id", "type": "string"},
                    {"name": "note", "type": "string", "default": ""},
                    {"name": "qty", "type": "long", "default": 0}""");
            assertEquals(DETECTED, classify(change(avroApi(NOTE_WITH_DEFAULT, "BACKWARD_TRANSITIVE"),
                    avroApi(v3, "BACKWARD_TRANSITIVE"), () -> history)));
        }
    }

    /**
     * v1 {id, note}, v2 {id, note = ""}, v3 {id}. v2 reads v3's data (the default fills the note); v1
     * cannot, it has no default.
     */
    @Nested
    class ForwardAndFullTransitive {
        private final List<Map<String, Object>> history = List.of(avroApi(NOTE_WITHOUT_DEFAULT, null));

        private Set<String> v2ToV3(String mode) {
            return classify(change(avroApi(NOTE_WITH_DEFAULT, mode), avroApi(ID_ONLY, mode), () -> history));
        }

        @Test
        void removingFieldWithDefaultIsCompatibleWithPreviousVersionUnderForward() {
            assertEquals(DETECTED, v2ToV3("FORWARD"));
        }

        @Test
        void removingFieldBreaksForwardTransitiveWhenAnOlderVersionHasNoDefault() {
            assertEquals(BREAKING, v2ToV3("FORWARD_TRANSITIVE"));
        }

        @Test
        void removingFieldWithDefaultIsCompatibleWithPreviousVersionUnderFull() {
            assertEquals(DETECTED, v2ToV3("FULL"));
        }

        @Test
        void removingFieldBreaksFullTransitiveWhenAnOlderVersionHasNoDefault() {
            assertEquals(BREAKING, v2ToV3("FULL_TRANSITIVE"));
        }

        @Test
        void addingFieldWithoutDefaultIsCompatibleWithForwardTransitive() {
            String v3 = Schemas.record("""
                    {"name": "id", "type": "string"},
                    {"name": "note", "type": "string", "default": ""},
                    {"name": "qty", "type": "long"}""");
            assertEquals(DETECTED, classify(change(avroApi(NOTE_WITH_DEFAULT, "FORWARD_TRANSITIVE"),
                    avroApi(v3, "FORWARD_TRANSITIVE"), () -> history)));
        }

        @Test
        void addingFieldWithDefaultIsCompatibleWithFullTransitive() {
            String v3 = Schemas.record("""
                    {"name": "id", "type": "string"},
                    {"name": "note", "type": "string", "default": ""},
                    {"name": "qty", "type": "long", "default": 0}""");
            List<Map<String, Object>> compatibleHistory = List.of(avroApi(ID_ONLY, null));
            assertEquals(DETECTED, classify(change(avroApi(NOTE_WITH_DEFAULT, "FULL_TRANSITIVE"),
                    avroApi(v3, "FULL_TRANSITIVE"), () -> compatibleHistory)));
        }
    }

    @Nested
    class History {
        @Test
        void unparseableAndNonAvroEarlierVersionsAreSkipped() {
            List<Map<String, Object>> history = List.of(
                    avroApi("{ this is not a schema", null),
                    api("openapi", "openapi: 3.0.0", null),
                    avroApi(ID_ONLY, null));
            assertEquals(BREAKING, classify(change(avroApi(NOTE_WITH_DEFAULT, "BACKWARD_TRANSITIVE"),
                    avroApi(NOTE_WITHOUT_DEFAULT, "BACKWARD_TRANSITIVE"), () -> history)));
        }

        @Test
        void emptyHistoryChecksOnlyTheBeforeSchema() {
            assertEquals(DETECTED, classify(change(avroApi(NOTE_WITH_DEFAULT, "BACKWARD_TRANSITIVE"),
                    avroApi(NOTE_WITHOUT_DEFAULT, "BACKWARD_TRANSITIVE"), List::of)));
        }
    }

    @Test
    void nonAvroApiReturnsDetectedUnchanged() {
        Set<String> detected = classify(change(api("openapi", "openapi: 3.0.0", "BACKWARD"),
                api("openapi", "openapi: 3.1.0", "BACKWARD")));
        assertEquals(DETECTED, detected);
    }

    @Test
    void otherKindsReturnDetectedUnchanged() {
        Map<String, Object> before = avroApi(ID_ONLY, null);
        Map<String, Object> after = avroApi(NOTE_WITHOUT_DEFAULT, null);
        before.put("kind", "Component");
        after.put("kind", "Component");
        assertEquals(DETECTED, classify(change(before, after)));
    }

    @Test
    void kindAndTypeAreCaseInsensitive() {
        Map<String, Object> before = api("AVRO", ID_ONLY, null);
        Map<String, Object> after = api("Avro", NOTE_WITHOUT_DEFAULT, null);
        before.put("kind", "api");
        assertEquals(BREAKING, classify(change(before, after)));
    }

    @Test
    void unchangedDefinitionReturnsDetectedUnchanged() {
        assertEquals(DETECTED, classify("FULL", CODE_STRING, CODE_STRING));
    }

    @Test
    void reformattedButEqualDefinitionReturnsDetectedUnchanged() {
        String compact = "{\"type\":\"record\",\"name\":\"OrderEvent\",\"namespace\":\"com.acme.orders.v1\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"code\",\"type\":\"string\"}]}";
        assertEquals(DETECTED, classify("FULL", CODE_STRING, compact));
    }

    @Test
    void unparseableNewDefinitionIsBreaking() {
        assertEquals(BREAKING, classify("BACKWARD", ID_ONLY, "{\"type\": \"record\", \"name\": \"OrderEvent\""));
    }

    @Test
    void unparseableOldDefinitionIsNotComparedAgainst() {
        assertEquals(DETECTED, classify("BACKWARD", "{ broken", NOTE_WITHOUT_DEFAULT));
    }

    @Test
    void unknownModeThrowsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classify("BACKWARDS", ID_ONLY, NOTE_WITH_DEFAULT));
        assertTrue(e.getMessage().contains("'BACKWARDS'"), e.getMessage());
        assertTrue(e.getMessage().contains("FULL_TRANSITIVE"), e.getMessage());
    }

    @Test
    void modeComesFromBeforeSoAPullRequestCannotWeakenItsOwnCheck() {
        assertEquals(BREAKING, classify(change(avroApi(CODE_STRING, "FULL"), avroApi(CODE_INT, "NONE"))));
    }

    @Test
    void modeComesFromAfterWhenBeforeHasNone() {
        assertEquals(DETECTED, classify(change(avroApi(ID_ONLY, null), avroApi(NOTE_WITHOUT_DEFAULT, "FORWARD"))));
    }

    @Test
    void newAvroApiHasNothingToCompareWith() {
        assertEquals(DETECTED, classify(change(null, avroApi(CODE_INT, null))));
    }

    @Test
    void deletedAvroApiIsNotBreaking() {
        assertEquals(DETECTED, classify(change(avroApi(CODE_INT, null), null)));
    }

    @Test
    void avroApiChangedToAnotherTypeIsBreaking() {
        assertEquals(BREAKING, classify(change(avroApi(CODE_INT, null), api("openapi", "openapi: 3.0.0", null))));
    }

    @Test
    void definitionResolvedFromJsonPlaceholderIsCompared() throws Exception {
        ObjectMapper json = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> before = json.readValue(ID_ONLY, LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> after = json.readValue(NOTE_WITHOUT_DEFAULT, LinkedHashMap.class);
        assertEquals(BREAKING, classify(change(avroApi(before, null), avroApi(after, null))));
    }

    @Test
    void serviceLoaderFindsThePluginNamedAvro() {
        List<StewardPlugin> plugins = ServiceLoader.load(StewardPlugin.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        StewardPlugin avro = plugins.stream().filter(p -> p.name().equals("avro")).findFirst().orElseThrow();
        assertTrue(avro instanceof ChangeClassifier);
        assertEquals(StewardPlugin.SPI_VERSION, avro.spiVersion());
    }
}

package dev.steward.plugin.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.plugin.EntityValidator.EntityDocument;
import dev.steward.plugin.EntityValidator.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvroValidatorTest {
    private static EntityDocument api(String type, Object compatibility, String definition) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        spec.put("type", type);
        if (compatibility != null) spec.put("compatibility", compatibility);
        spec.put("definition", definition);
        return new EntityDocument("api:default/x", "API", Map.of("kind", "API", "spec", spec), "a.yaml", 1);
    }

    @Test
    void validSchemaAndModePass() {
        assertEquals(List.of(), new AvroClassifier().validate(api("avro", "FULL_TRANSITIVE",
                "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\", \"type\": \"int\"}]}")));
    }

    @Test
    void unknownModeIsAnErrorAtTheModeField() {
        List<Finding> f = new AvroClassifier().validate(api("avro", "BACKWARDS", "\"string\""));
        assertEquals(1, f.size());
        assertEquals("spec.compatibility", f.get(0).field());
        assertTrue(f.get(0).message().contains("BACKWARDS"), f.get(0).message());
    }

    @Test
    void unparseableSchemaIsAnErrorAtTheDefinition() {
        List<Finding> f = new AvroClassifier().validate(api("avro", null, "{\"type\": \"record\", \"name\": \"R\"}"));
        assertEquals(1, f.size());
        assertEquals("spec.definition", f.get(0).field());
        assertTrue(f.get(0).error());
    }

    @Test
    void otherApisAreNotItsBusiness() {
        assertEquals(List.of(), new AvroClassifier().validate(api("openapi", "nonsense", "not avro")));
    }
}

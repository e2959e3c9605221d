package dev.steward.plugin.avro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import dev.steward.plugin.EntityChange;

/** Real Avro schema pairs and Backstage-shaped API documents for the tests. */
final class Schemas {

    static final String REF = "api:default/order-events-avro";
    static final Set<String> DETECTED = Set.of("schema-change");

    /** {@code {id: string}}. */
    static final String ID_ONLY = record("""
            {"name": "id", "type": "string"}""");

    /** {@code {id: string, note: string = ""}}: a field with a default. */
    static final String NOTE_WITH_DEFAULT = record("""
            {"name": "id", "type": "string"},
            {"name": "note", "type": "string", "default": ""}""");

    /** {@code {id: string, note: string}}: the same field without a default. */
    static final String NOTE_WITHOUT_DEFAULT = record("""
            {"name": "id", "type": "string"},
            {"name": "note", "type": "string"}""");

    /** {@code {id: string, qty: int}}. */
    static final String QTY_INT = record("""
            {"name": "id", "type": "string"},
            {"name": "qty", "type": "int"}""");

    /** {@code {id: string, qty: long}}: int promoted to long. */
    static final String QTY_LONG = record("""
            {"name": "id", "type": "string"},
            {"name": "qty", "type": "long"}""");

    /** {@code {id: string, code: string}}. */
    static final String CODE_STRING = record("""
            {"name": "id", "type": "string"},
            {"name": "code", "type": "string"}""");

    /** {@code {id: string, code: int}}: string changed to int, which no direction can resolve. */
    static final String CODE_INT = record("""
            {"name": "id", "type": "string"},
            {"name": "code", "type": "int"}""");

    private Schemas() {
    }

    static String record(String fields) {
        return """
                {
                  "type": "record",
                  "name": "OrderEvent",
                  "namespace": "com.acme.orders.v1",
                  "fields": [
                %s
                  ]
                }
                """.formatted(fields.indent(4));
    }

    /** An Avro API entity as Backstage stores it, the definition a JSON string. */
    static Map<String, Object> avroApi(Object definition, String compatibility) {
        return api("avro", definition, compatibility);
    }

    static Map<String, Object> api(String type, Object definition, String compatibility) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type);
        spec.put("lifecycle", "production");
        spec.put("owner", "orders-team");
        if (compatibility != null) {
            spec.put("compatibility", compatibility);
        }
        spec.put("definition", definition);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", "backstage.io/v1alpha1");
        document.put("kind", "API");
        document.put("metadata", Map.of("name", "order-events-avro"));
        document.put("spec", spec);
        return document;
    }

    static EntityChange change(Map<String, Object> before, Map<String, Object> after) {
        return change(before, after, () -> {
            throw new AssertionError("history read although the mode is not transitive");
        });
    }

    static EntityChange change(Map<String, Object> before, Map<String, Object> after,
                               Supplier<List<Map<String, Object>>> history) {
        return new EntityChange(REF, before, after, DETECTED, history);
    }

    /** A change of the definition from {@code from} to {@code to}, under {@code mode}. */
    static EntityChange change(String mode, String from, String to) {
        return change(avroApi(from, mode), avroApi(to, mode));
    }
}

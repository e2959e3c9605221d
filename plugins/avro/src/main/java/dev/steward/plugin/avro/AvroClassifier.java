package dev.steward.plugin.avro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.plugin.ChangeClassifier;
import dev.steward.plugin.EntityChange;
import dev.steward.plugin.EntityValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * Marks a change to an Avro API ({@code kind: API}, {@code spec.type: avro}) as
 * {@value #BREAKING} when its new {@code spec.definition} is not compatible with the old one under
 * the entity's {@code spec.compatibility} (read from the document before the change, so a pull
 * request cannot weaken its own check; BACKWARD when none is set).
 *
 * <p>Every other change is returned as detected. A new definition that does not parse is breaking;
 * an old one that does not parse is not compared against.
 */
public final class AvroClassifier implements ChangeClassifier, EntityValidator {

    /** The plugin's name. */
    public static final String NAME = "avro";
    /** The responsibility added for an incompatible change. */
    public static final String BREAKING = "schema-change-breaking";

    private static final System.Logger LOG = System.getLogger(AvroClassifier.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    /**
     * An Avro API's definition must parse and its compatibility mode must be one this plugin knows,
     * so a typo is caught by {@code steward check} at its line, not by a plan months later.
     */
    @Override
    public List<Finding> validate(EntityDocument entity) {
        Map<String, Object> document = entity.document();
        if (!isAvroApi(document)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        try {
            CompatibilityMode.parse(compatibility(document));
        } catch (IllegalArgumentException e) {
            out.add(Finding.error("spec.compatibility", e.getMessage()));
        }
        String text = definition(document);
        if (text != null && !text.isBlank()) {
            try {
                new Schema.Parser().parse(text);
            } catch (RuntimeException e) {
                out.add(Finding.error("spec.definition", "not a valid Avro schema: " + e.getMessage()));
            }
        }
        return out;
    }

    @Override
    public Set<String> classify(EntityChange change) {
        Set<String> detected = change.detected() == null ? Set.of() : change.detected();
        Map<String, Object> before = change.before();
        Map<String, Object> after = change.after();
        boolean beforeAvro = isAvroApi(before);
        boolean afterAvro = isAvroApi(after);
        if (!beforeAvro && !afterAvro) {
            return detected;
        }
        CompatibilityMode mode = mode(before, after);
        if (mode == CompatibilityMode.NONE || !beforeAvro) {
            // NONE checks nothing; a new Avro API (or one that just became Avro) has nothing to compare with.
            return detected;
        }
        if (!afterAvro) {
            if (after == null || after.isEmpty()) {
                return detected; // deleted: another responsibility's business
            }
            return breaking(change, detected, mode, "the entity is no longer an Avro API");
        }
        String oldText = definition(before);
        String newText = definition(after);
        if (Objects.equals(oldText, newText)) {
            return detected;
        }
        Schema newer = parse(newText);
        if (newer == null) {
            return breaking(change, detected, mode, "the new spec.definition is not a valid Avro schema");
        }
        Schema older = parse(oldText);
        if (newer.equals(older)) {
            return detected;
        }
        List<Schema> earlier = new ArrayList<>();
        if (older != null) {
            earlier.add(older);
        }
        if (mode.transitive()) {
            earlier.addAll(history(change.history(), oldText));
        }
        CompatibilityCheck.Result result = CompatibilityCheck.check(mode, newer, earlier);
        return result.compatible() ? detected : breaking(change, detected, mode, result.reason());
    }

    private static Set<String> breaking(EntityChange change, Set<String> detected, CompatibilityMode mode,
                                        String reason) {
        LOG.log(System.Logger.Level.INFO, "{0}: breaking Avro schema change under {1}: {2}",
                change.entityRef(), mode, reason);
        Set<String> out = new LinkedHashSet<>(detected);
        out.add(BREAKING);
        return Collections.unmodifiableSet(out);
    }

    /**
     * The before document's mode, or the after document's when the before one names none. A value
     * that names no mode is an error on either side, so a typo is caught in the pull request that
     * makes it.
     */
    private static CompatibilityMode mode(Map<String, Object> before, Map<String, Object> after) {
        String beforeValue = compatibility(before);
        String afterValue = compatibility(after);
        CompatibilityMode fromAfter = CompatibilityMode.parse(afterValue);
        return beforeValue != null ? CompatibilityMode.parse(beforeValue) : fromAfter;
    }

    private static String compatibility(Map<String, Object> document) {
        Object value = spec(document).get("compatibility");
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    static boolean isAvroApi(Map<String, Object> document) {
        if (document == null || !(document.get("kind") instanceof String kind) || !kind.equalsIgnoreCase("API")) {
            return false;
        }
        return spec(document).get("type") instanceof String type && type.trim().equalsIgnoreCase("avro");
    }

    private static Map<?, ?> spec(Map<String, Object> document) {
        return document != null && document.get("spec") instanceof Map<?, ?> spec ? spec : Map.of();
    }

    /**
     * The definition as text. Backstage stores it as a string; a {@code $json} or {@code $yaml}
     * placeholder resolved by Steward gives a map, which is written back as JSON.
     */
    private static String definition(Map<String, Object> document) {
        Object value = spec(document).get("definition");
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return value.toString();
    }

    /** The schema, or null when there is none or it does not parse. A fresh parser every time. */
    static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The parseable Avro definitions of the earlier documents, newest first, each text once. */
    private static List<Schema> history(Supplier<List<Map<String, Object>>> supplier, String beforeText) {
        List<Map<String, Object>> documents = supplier == null ? null : supplier.get();
        if (documents == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        if (beforeText != null) {
            seen.add(beforeText);
        }
        List<Schema> schemas = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            if (!isAvroApi(document)) {
                continue;
            }
            String text = definition(document);
            if (text == null || !seen.add(text)) {
                continue;
            }
            Schema schema = parse(text);
            if (schema != null) {
                schemas.add(schema);
            }
        }
        return schemas;
    }
}

package dev.steward.plugin;

import java.util.List;
import java.util.Map;

/**
 * An organisation's own rules for entities ("every Kafka topic has a retention annotation").
 * Findings are reported like every other validation problem, as {@code path:line: message}, with the
 * line of the field they name. An error makes the commit invalid, exactly as a Backstage rule would.
 *
 * <p>Called once per entity document whenever its file is read, so the answer must depend on the
 * document alone.
 */
public interface EntityValidator extends StewardPlugin {

    List<Finding> validate(EntityDocument entity);

    /** The document being validated. */
    record EntityDocument(String entityRef, String kind, Map<String, Object> document, String file,
                          int line) {
    }

    /**
     * A problem with the entity.
     *
     * @param field the dotted path of the field at fault ({@code spec.lifecycle}), or empty for the whole
     *     entity; it decides the line reported
     * @param message what is wrong, in a sentence
     * @param error true for an error, false for a warning
     */
    record Finding(String field, String message, boolean error) {
        public static Finding error(String field, String message) {
            return new Finding(field, message, true);
        }

        public static Finding warning(String field, String message) {
            return new Finding(field, message, false);
        }
    }
}

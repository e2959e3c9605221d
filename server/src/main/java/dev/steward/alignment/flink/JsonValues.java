package dev.steward.alignment.flink;

import com.fasterxml.jackson.databind.JsonNode;

/** Plain values out of the REST API's JSON answers, leniently: what is missing or of another shape is null. */
final class JsonValues {
    private JsonValues() {
    }

    /** The node's text, or null when it is missing, null, an object or an array. */
    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    /** The node as a whole number, from a JSON number or a text, or null. */
    static Long longOf(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isIntegralNumber()) return node.asLong();
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}

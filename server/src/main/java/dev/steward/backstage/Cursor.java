package dev.steward.backstage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Paging cursors: base64 of a JSON object holding the query and where the next page starts. The
 * client treats them as opaque, except that Backstage's client looks for a {@code query} key to tell
 * a predicate query's cursor from a query-string one, so only predicate cursors carry that key.
 */
final class Cursor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cursor() {
    }

    static String encode(Map<String, Object> state) {
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> decode(String cursor) {
        try {
            Object value = JSON.readValue(Base64.getDecoder().decode(cursor.trim()), Object.class);
            if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
        } catch (IllegalArgumentException | IOException e) {
            // reported below
        }
        throw new BackstageError(400, "InputError", "Malformed cursor: " + (cursor.length() > 40
                ? cursor.substring(0, 40) + "…" : cursor));
    }

    static String json(Object value) {
        try {
            return new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

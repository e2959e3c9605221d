package dev.steward.rca;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A field an update sets, possibly to null (clearing it). The command holds null for a field the
 * body left out, so "leave it" and "clear it" stay apart.
 */
public record Patch<T>(@JsonValue T value) {

    /** The patched value, or {@code current} when the field was left out. */
    static <T> T apply(Patch<T> patch, T current) {
        return patch == null ? current : patch.value();
    }

    static Patch<String> text(Input in, String field, int maxLength) {
        return in.has(field) ? new Patch<>(in.text(field, false, maxLength)) : null;
    }
}

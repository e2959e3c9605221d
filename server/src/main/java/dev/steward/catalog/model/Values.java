package dev.steward.catalog.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lenient reads of plain YAML values; validation reports wrong shapes, these never throw. */
public final class Values {
    private Values() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    public static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    public static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        for (Object item : list(value)) {
            if (item instanceof String s) out.add(s);
        }
        return out;
    }

    /** Follows a dotted path such as {@code spec.checkpointing.interval}; null when absent. */
    public static Object at(Map<String, Object> root, String dottedPath) {
        Object current = root;
        for (String part : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) return null;
            current = m.get(part);
        }
        return current;
    }

    public static String typeName(Object value) {
        if (value == null) return "null";
        if (value instanceof Map) return "a map";
        if (value instanceof List) return "a list";
        if (value instanceof String) return "a string";
        if (value instanceof Boolean) return "a boolean";
        if (value instanceof Number) return "a number";
        return value.getClass().getSimpleName();
    }
}

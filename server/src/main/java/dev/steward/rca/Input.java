package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads the fields of a JSON request body, each problem an {@link InvalidInput} naming its field. */
public final class Input {
    private final Map<String, Object> body;

    public Input(Map<String, Object> body) {
        this.body = body == null ? Map.of() : body;
    }

    boolean has(String field) {
        return body.containsKey(field);
    }

    public String text(String field, boolean required, int maxLength) {
        Object value = body.get(field);
        if (value == null) {
            if (required) throw new InvalidInput(field, "is required");
            return null;
        }
        if (!(value instanceof String s)) throw new InvalidInput(field, "must be a string");
        if (required && s.isBlank()) throw new InvalidInput(field, "must not be empty");
        if (s.length() > maxLength) throw new InvalidInput(field, "is longer than " + maxLength + " characters");
        return s;
    }

    <E extends Enum<E>> E choice(String field, Class<E> type, boolean required) {
        String value = text(field, required, 32);
        if (value == null) return null;
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.replace('-', '_'))) return e;
        }
        throw new InvalidInput(field, "must be one of " + String.join(", ",
                Arrays.stream(type.getEnumConstants()).map(e -> e.name().replace('_', '-')).toList()));
    }

    Instant instant(String field) {
        String value = text(field, false, 64);
        if (value == null) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be an ISO-8601 instant such as 2026-11-24T02:14:00Z");
        }
    }

    public LocalDate date(String field) {
        String value = text(field, false, 32);
        if (value == null) return null;
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date such as 2026-12-01");
        }
    }

    List<String> texts(String field, int maxItems, int maxLength) {
        Object value = body.get(field);
        if (value == null) return null;
        if (!(value instanceof List<?> list)) throw new InvalidInput(field, "must be a list of strings");
        if (list.size() > maxItems) throw new InvalidInput(field, "has more than " + maxItems + " items");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || s.length() > maxLength) {
                throw new InvalidInput(field + "[" + i + "]", "must be a string of at most " + maxLength + " characters");
            }
            out.add(s);
        }
        return out;
    }

    EntityRef ref(String field, String defaultKind, boolean required) {
        String value = text(field, required, 300);
        return value == null ? null : parseRef(field, value, defaultKind);
    }

    static EntityRef parseRef(String field, String value, String defaultKind) {
        try {
            return EntityRef.parse(value, defaultKind, EntityRef.DEFAULT_NAMESPACE);
        } catch (EntityRef.RefFormatException e) {
            throw new InvalidInput(field, e.getMessage());
        }
    }

    public Object raw(String field) {
        return body.get(field);
    }
}

package dev.steward.alignment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Values as the platform means them, so that a declared value and a live one compare equal when they
 * say the same thing: numbers by value, durations in milliseconds, Iceberg transforms by one name
 * ({@code day}/{@code days}), whitespace and case in enum-like strings ignored.
 */
public final class Normalize {
    private static final Pattern TRANSFORM = Pattern.compile("^\\s*([a-zA-Z]+)\\s*(?:\\[(\\d+)])?\\s*\\((.*)\\)\\s*$");
    private static final Pattern DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|min|h|d)$");

    private Normalize() {
    }

    /** A value in a form to compare: longs for whole numbers, lists element by element, trimmed strings. */
    public static Object value(String field, Object value) {
        if (value == null) return null;
        if (field.equals("partitioning") && value instanceof List<?> list) return partitioning(list);
        if (value instanceof Number n) return n.doubleValue() == Math.rint(n.doubleValue()) ? (Object) n.longValue() : n;
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) out.add(value(field, item));
            return out;
        }
        if (value instanceof String s) {
            String t = s.trim();
            if (t.matches("-?\\d+")) return Long.parseLong(t);
            Matcher d = DURATION.matcher(t);
            if (d.matches() && isDurationField(field)) return millis(Long.parseLong(d.group(1)), d.group(2));
            return t;
        }
        return value;
    }

    /** Whether a declared and a live value say the same thing. */
    public static boolean same(String field, Object declared, Object live) {
        Object a = value(field, declared);
        Object b = value(field, live);
        if (a instanceof String x && b instanceof String y) {
            return ENUMS.contains(field) ? symbol(x).equals(symbol(y)) : x.equalsIgnoreCase(y);
        }
        return Objects.equals(a, b);
    }

    /**
     * Fields whose values are names from a fixed set, which people write as they please: Flink's
     * {@code exactly-once} is its {@code EXACTLY_ONCE}, Kafka's {@code compact,delete} its
     * {@code delete,compact}, a registry's {@code backward-transitive} its {@code BACKWARD_TRANSITIVE}.
     */
    private static final Set<String> ENUMS = Set.of("checkpointing.mode", "cleanupPolicy",
            "compatibility");

    /** An enum value (or a comma-separated set of them) in one form: upper case, underscores, sorted. */
    private static String symbol(String text) {
        return Arrays.stream(text.split(","))
                .map(part -> part.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_"))
                .sorted().collect(Collectors.joining(","));
    }

    /** Iceberg partition fields in one form: {@code days(order_ts)}, {@code bucket(16, customer_id)}. */
    public static List<String> partitioning(List<?> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (Object f : fields) out.add(partitionField(String.valueOf(f)));
        return out;
    }

    static String partitionField(String text) {
        Matcher m = TRANSFORM.matcher(text);
        if (!m.matches()) return "identity(" + text.trim() + ")";
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String width = m.group(2);
        List<String> args = new ArrayList<>();
        for (String a : m.group(3).split(",")) args.add(a.trim());
        name = switch (name) {
            case "year", "years" -> "years";
            case "month", "months" -> "months";
            case "day", "days" -> "days";
            case "hour", "hours" -> "hours";
            default -> name;
        };
        if (width != null) args.add(0, width);
        return name + "(" + String.join(", ", args) + ")";
    }

    private static boolean isDurationField(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        return f.endsWith("interval") || f.endsWith("timeout") || f.endsWith(".ms") || f.endsWith("pause")
                || f.endsWith("minpausebetween");
    }

    private static long millis(long amount, String unit) {
        return switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m", "min" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
    }
}

package dev.steward.backstage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Backstage's two filter languages over {@link SearchRows}. The query-string form: each {@code filter}
 * parameter is a comma-separated list of {@code key=value} conditions that must all hold (the same key
 * twice means either value), a bare {@code key} means the field exists, and several {@code filter}
 * parameters are alternatives. The predicate form, sent as JSON: {@code {field: value}},
 * {@code $exists}, {@code $in}, {@code $hasPrefix}, {@code $contains}, combined with {@code $all},
 * {@code $any} and {@code $not}. Keys and values compare without regard to case.
 */
final class EntityFilter {
    private EntityFilter() {
    }

    static Predicate<SearchRows> fromQuery(List<String> filters) {
        if (filters == null || filters.isEmpty()) return rows -> true;
        List<Predicate<SearchRows>> alternatives = new ArrayList<>();
        for (String filter : filters) {
            Map<String, List<String>> conditions = new LinkedHashMap<>();
            for (String part : filter.split(",")) {
                String condition = part.trim();
                if (condition.isEmpty()) continue;
                int eq = condition.indexOf('=');
                String key = (eq < 0 ? condition : condition.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                if (key.isEmpty()) throw new BackstageError(400, "InputError", "Invalid filter: '" + condition + "' has no key");
                List<String> values = conditions.computeIfAbsent(key, k -> new ArrayList<>());
                if (eq >= 0) values.add(condition.substring(eq + 1).trim());
            }
            if (conditions.isEmpty()) continue;
            alternatives.add(rows -> conditions.entrySet().stream().allMatch(c -> c.getValue().isEmpty()
                    ? rows.has(c.getKey())
                    : c.getValue().stream().anyMatch(v -> rows.matches(c.getKey(), v))));
        }
        if (alternatives.isEmpty()) return rows -> true;
        return rows -> alternatives.stream().anyMatch(p -> p.test(rows));
    }

    /** A predicate from its JSON form; null means everything. */
    static Predicate<SearchRows> fromPredicate(Object predicate) {
        if (predicate == null) return rows -> true;
        return predicate(predicate, "");
    }

    private static Predicate<SearchRows> predicate(Object node, String prefix) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new BackstageError(400, "InputError", "Invalid query: expected an object, got " + node);
        }
        for (String op : List.of("$all", "$any", "$not")) {
            if (map.containsKey(op) && map.size() != 1) {
                throw new BackstageError(400, "InputError", "Operator " + op
                        + " must be the only key in the predicate, wrap in $all to combine with other conditions");
            }
        }
        if (map.containsKey("$all")) {
            List<Predicate<SearchRows>> all = list(map.get("$all"), "$all").stream().map(p -> predicate(p, prefix)).toList();
            return rows -> all.stream().allMatch(p -> p.test(rows));
        }
        if (map.containsKey("$any")) {
            List<Predicate<SearchRows>> any = list(map.get("$any"), "$any").stream().map(p -> predicate(p, prefix)).toList();
            return rows -> any.stream().anyMatch(p -> p.test(rows));
        }
        if (map.containsKey("$not")) return predicate(map.get("$not"), prefix).negate();
        List<Predicate<SearchRows>> fields = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith("$")) throw new BackstageError(400, "InputError", "Invalid query: unknown operator " + key);
            fields.add(field(prefix + key.toLowerCase(Locale.ROOT), e.getValue()));
        }
        return rows -> fields.stream().allMatch(p -> p.test(rows));
    }

    private static Predicate<SearchRows> field(String key, Object condition) {
        if (!(condition instanceof Map<?, ?> op)) {
            String value = primitive(condition, key);
            return rows -> rows.matches(key, value);
        }
        if (op.size() != 1) throw new BackstageError(400, "InputError", "Invalid query: " + key + " needs one operator");
        Map.Entry<?, ?> e = op.entrySet().iterator().next();
        Object arg = e.getValue();
        return switch (String.valueOf(e.getKey())) {
            case "$exists" -> Boolean.TRUE.equals(arg) ? rows -> rows.has(key) : rows -> !rows.has(key);
            case "$in" -> {
                List<String> values = list(arg, "$in").stream().map(v -> primitive(v, key)).toList();
                yield rows -> values.stream().anyMatch(v -> rows.matches(key, v));
            }
            case "$hasPrefix" -> {
                String p = primitive(arg, key).toLowerCase(Locale.ROOT);
                yield rows -> rows.values(key).stream().anyMatch(v -> v.startsWith(p));
            }
            case "$contains" -> predicate(arg, key + ".");
            default -> throw new BackstageError(400, "InputError", "Invalid query: unknown operator " + e.getKey());
        };
    }

    private static List<?> list(Object value, String op) {
        if (value instanceof List<?> l) return l;
        throw new BackstageError(400, "InputError", "Invalid query: " + op + " needs an array");
    }

    private static String primitive(Object value, String key) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) return String.valueOf(value);
        throw new BackstageError(400, "InputError", "Invalid query: " + key + " needs a string, number or boolean");
    }
}

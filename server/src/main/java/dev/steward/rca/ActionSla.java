package dev.steward.rca;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** How many days an action item of each priority gets by default: P1 7, P2 30, P3 90, P4 180. */
public record ActionSla(Map<Priority, Integer> days) {
    public static final ActionSla DEFAULT = new ActionSla(Map.of(Priority.P1, 7, Priority.P2, 30, Priority.P3, 90,
            Priority.P4, 180));

    /** Parses {@code P1=3d,P2=14d}; priorities left out keep their default. */
    public static ActionSla parse(String text) {
        Map<Priority, Integer> out = new EnumMap<>(DEFAULT.days());
        if (text == null || text.isBlank()) return new ActionSla(Map.copyOf(out));
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !kv[1].trim().matches("\\d+d?")) {
                throw new IllegalArgumentException("'" + part + "' is not of the form P1=7d");
            }
            out.put(Priority.valueOf(kv[0].trim().toUpperCase(Locale.ROOT)),
                    Integer.parseInt(kv[1].trim().replace("d", "")));
        }
        return new ActionSla(Map.copyOf(out));
    }

    public int daysFor(Priority priority) {
        return days.get(priority);
    }
}

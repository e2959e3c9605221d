package dev.steward.rca;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opening an incident, as the API's body gives it. The entities are refs as written (short names
 * allowed); the service looks them up in the served catalog.
 */
public record CreateIncident(String title, Severity severity, List<String> entities, Instant startedAt,
                             Instant detectedAt, String commander, String summary, String impact,
                             List<String> rootCauses, List<String> contributingFactors, List<String> lessons) {
    static final int TEXT = 20_000;
    static final int ITEMS = 100;

    public CreateIncident {
        entities = List.copyOf(entities);
        rootCauses = List.copyOf(rootCauses);
        contributingFactors = List.copyOf(contributingFactors);
        lessons = List.copyOf(lessons);
    }

    /** Reads the body; each problem an {@link InvalidInput} naming its field. */
    public static CreateIncident parse(Map<String, Object> body) {
        Input in = new Input(body);
        String title = in.text("title", true, 300);
        Severity severity = in.choice("severity", Severity.class, true);
        List<String> entities = entities(in);
        return new CreateIncident(title, severity, entities, in.instant("startedAt"), in.instant("detectedAt"),
                in.text("commander", false, 300), in.text("summary", false, TEXT), in.text("impact", false, TEXT),
                list(in, "rootCauses"), list(in, "contributingFactors"), list(in, "lessons"));
    }

    private static List<String> entities(Input in) {
        Object value = in.raw("entities");
        if (value == null) throw new InvalidInput("entities", "is required: the refs of the affected entities");
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidInput("entities", "must be a non-empty list of entity refs");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) throw new InvalidInput("entities[" + i + "]", "must be an entity ref string");
            out.add(s);
        }
        return out;
    }

    /** A list of texts; left out or null, none. */
    static List<String> list(Input in, String field) {
        List<String> texts = in.texts(field, ITEMS, TEXT);
        return texts == null ? List.of() : texts;
    }
}

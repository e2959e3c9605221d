package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A change to an incident, as the API's PATCH body gives it: a null field was left out and keeps its
 * value ({@link Patch} where a field may also be cleared). It may move the status, add a reviewer's
 * sign-off and add timeline notes; the {@link IncidentLifecycle} decides whether it may.
 */
public record UpdateIncident(IncidentStatus status, EntityRef signOff, String title, Severity severity,
                             Instant startedAt, Instant detectedAt, Instant mitigatedAt, Instant resolvedAt,
                             Patch<String> commander, Patch<String> summary, Patch<String> impact,
                             List<String> rootCauses, List<String> contributingFactors, List<String> lessons,
                             List<Note> timeline) {

    /** A timeline entry written by hand; without {@code at}, now. */
    public record Note(Instant at, String text) {
    }

    public UpdateIncident {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** Reads the body; each problem an {@link InvalidInput} naming its field. */
    public static UpdateIncident parse(Map<String, Object> body) {
        Input in = new Input(body);
        return new UpdateIncident(status(in), signOff(in), in.has("title") ? in.text("title", true, 300) : null,
                in.has("severity") ? in.choice("severity", Severity.class, true) : null,
                in.instant("startedAt"), in.instant("detectedAt"), in.instant("mitigatedAt"), in.instant("resolvedAt"),
                Patch.text(in, "commander", 300), Patch.text(in, "summary", CreateIncident.TEXT),
                Patch.text(in, "impact", CreateIncident.TEXT), list(in, "rootCauses"),
                list(in, "contributingFactors"), list(in, "lessons"), notes(in));
    }

    private static IncidentStatus status(Input in) {
        if (!in.has("status")) return null;
        IncidentStatus status = IncidentStatus.parse(in.text("status", true, 32));
        if (status == null) throw new InvalidInput("status", "must be one of open, mitigated, resolved, postmortem, closed");
        return status;
    }

    private static EntityRef signOff(Input in) {
        String text = in.text("signOff", false, 300);
        if (text == null) return null;
        EntityRef reviewer = Input.parseRef("signOff", text, "user");
        if (!reviewer.kind().equals("user")) throw new InvalidInput("signOff", "is signed by a user, not " + reviewer);
        return reviewer;
    }

    private static List<String> list(Input in, String field) {
        return in.has(field) ? CreateIncident.list(in, field) : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Note> notes(Input in) {
        Object value = in.raw("timeline");
        if (value == null) return List.of();
        if (!(value instanceof List<?> list)) throw new InvalidInput("timeline", "must be a list of {at, text}");
        List<Note> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "timeline[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("text") instanceof String text) || text.isBlank()) {
                throw new InvalidInput(field + ".text", "is required");
            }
            Input entry = new Input((Map<String, Object>) m);
            try {
                out.add(new Note(entry.instant("at"), text));
            } catch (InvalidInput e) {
                throw new InvalidInput(field + ".at", e.reason());
            }
        }
        return out;
    }

    /** The row after this change and the lifecycle's {@code decision} on it, at {@code now}. */
    Rows.IncidentRow applyTo(Rows.IncidentRow row, IncidentLifecycle.Decision decision, Instant now) {
        IncidentLifecycle.Milestones m = decision.milestones();
        return new Rows.IncidentRow(row.id(), title == null ? row.title() : title,
                severity == null ? row.severity() : severity, decision.status(),
                startedAt == null ? row.startedAt() : startedAt, detectedAt == null ? row.detectedAt() : detectedAt,
                m.mitigatedAt(), m.resolvedAt(), m.closedAt(), Patch.apply(commander, row.commander()),
                Patch.apply(summary, row.summary()), Patch.apply(impact, row.impact()),
                rootCauses == null ? row.rootCauses() : rootCauses,
                contributingFactors == null ? row.contributingFactors() : contributingFactors,
                lessons == null ? row.lessons() : lessons, row.rcaOwner(), row.rcaReviewers(), row.rcaCommit(),
                row.createdAt(), now);
    }
}

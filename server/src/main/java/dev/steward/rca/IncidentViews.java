package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** Stored rows as the API answers them: an incident with its entities, sign-offs, timeline and actions. */
final class IncidentViews {
    private IncidentViews() {
    }

    static Incident incident(IncidentDao dao, Rows.IncidentRow row, LocalDate today) {
        List<EntityRef> entities = dao.entities(List.of(row.id())).stream().map(Rows.EntityRow::entityRef).toList();
        // In time order by the instants themselves: the columns hold ISO-8601 text, whose order is not
        // time's once fractions of a second appear ("10:00:00.5Z" sorts before "10:00:00Z").
        List<Incident.TimelineEntry> timeline = dao.timeline(row.id()).stream()
                .sorted(Comparator.comparing(Rows.TimelineRow::at).thenComparingLong(Rows.TimelineRow::id))
                .map(t -> new Incident.TimelineEntry(t.at(), t.text(), t.author())).toList();
        List<Incident.SignOff> signOffs = dao.signOffs(row.id()).stream()
                .sorted(Comparator.comparing(Rows.SignOffRow::signedAt).thenComparing(Rows.SignOffRow::reviewer))
                .map(s -> new Incident.SignOff(s.reviewer(), s.signedAt())).toList();
        List<ActionItem> actions = dao.actions(row.id()).stream().map(a -> action(a, row.title(), today)).toList();
        return new Incident(row.id(), row.title(), row.severity().name(), row.status().label(),
                row.status().nextLabels(), row.startedAt(), row.detectedAt(), row.mitigatedAt(), row.resolvedAt(),
                row.closedAt(), entities, row.commander(), row.summary(), row.impact(), row.rootCauses(),
                row.contributingFactors(), row.lessons(), row.rcaOwner(), row.rcaReviewers(), row.rcaCommit(),
                signOffs, timeline, actions, row.createdAt(), row.updatedAt());
    }

    /** Overdue: still open on a day after its due date. */
    static ActionItem action(Rows.ActionRow row, String incidentTitle, LocalDate today) {
        boolean overdue = row.status() == ActionStatus.OPEN && row.dueDate().isBefore(today);
        return new ActionItem(row.id(), row.incidentId(), incidentTitle, row.title(), row.owner(),
                row.priority().name(), row.dueDate().toString(), row.status().label(), overdue, row.link(),
                row.createdAt(), row.updatedAt());
    }
}

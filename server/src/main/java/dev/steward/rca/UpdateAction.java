package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A change to a follow-up, as the API's PATCH body gives it: a null field was left out and keeps its value. */
public record UpdateAction(String title, EntityRef owner, Priority priority, LocalDate dueDate, ActionStatus status,
                           Patch<String> link) {

    /** Reads the body; each problem an {@link InvalidInput} naming its field. */
    public static UpdateAction parse(Map<String, Object> body) {
        Input in = new Input(body);
        ActionStatus status = in.has("status") ? in.choice("status", ActionStatus.class, true) : null;
        Priority priority = in.has("priority") ? in.choice("priority", Priority.class, true) : null;
        LocalDate due = in.date("dueDate");
        EntityRef owner = in.has("owner") ? in.ref("owner", "group", true) : null;
        String title = in.has("title") ? in.text("title", true, 500) : null;
        return new UpdateAction(title, owner, priority, due, status, in.has("link") ? new Patch<>(AddAction.link(in)) : null);
    }

    /** The row after this change, at {@code now}. */
    Rows.ActionRow applyTo(Rows.ActionRow row, Instant now) {
        return new Rows.ActionRow(row.id(), row.incidentId(), title == null ? row.title() : title,
                owner == null ? row.owner() : owner, priority == null ? row.priority() : priority,
                dueDate == null ? row.dueDate() : dueDate, status == null ? row.status() : status,
                Patch.apply(link, row.link()), row.createdAt(), now);
    }
}

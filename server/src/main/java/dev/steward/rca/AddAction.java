package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import java.time.LocalDate;
import java.util.Map;

/**
 * A follow-up added to an incident, as the API's body gives it. Without a due date the
 * {@link ActionSla} of its priority sets one; the owner is checked against the served catalog.
 */
public record AddAction(String title, EntityRef owner, Priority priority, LocalDate dueDate, String link) {

    /** Reads the body; each problem an {@link InvalidInput} naming its field. Priority defaults to P2. */
    public static AddAction parse(Map<String, Object> body) {
        Input in = new Input(body);
        String title = in.text("title", true, 500);
        EntityRef owner = in.ref("owner", "group", true);
        Priority priority = in.has("priority") ? in.choice("priority", Priority.class, true) : Priority.P2;
        return new AddAction(title, owner, priority, in.date("dueDate"), link(in));
    }

    /** An http(s) link, or null: anything else (javascript:, data:) would be a link the UI must not render. */
    static String link(Input in) {
        String link = in.text("link", false, 2000);
        if (link != null && !link.matches("^https?://\\S+$")) throw new InvalidInput("link", "must be an http(s) URL");
        return link;
    }
}

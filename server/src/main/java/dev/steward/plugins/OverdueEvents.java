package dev.steward.plugins;

import dev.steward.plugin.Event;
import dev.steward.rca.ActionItem;
import dev.steward.rca.IncidentService;
import dev.steward.store.SentNotifications;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What notifiers hear of action items: {@code action.overdue} for each open item past its due date,
 * once in all. Which events went out is kept in the store ({@link SentNotifications}), not in memory,
 * so a second replica or a restarted server does not tell again. {@link #check()} is one look; the
 * server calls it every minute.
 */
public final class OverdueEvents {
    private final PluginHost plugins;
    private final IncidentService incidents;
    private final SentNotifications sent;

    public OverdueEvents(PluginHost plugins, IncidentService incidents, SentNotifications sent) {
        this.plugins = plugins;
        this.incidents = incidents;
        this.sent = sent;
    }

    /** One look: sends the overdue events no replica has sent yet. */
    public void check() {
        if (!plugins.hasNotifiers()) return;
        for (ActionItem a : incidents.actions(true, null, "open")) {
            if (sent.claim(eventKey(a))) plugins.notify(Event.ACTION_OVERDUE, data(a));
        }
    }

    /** Per item and due date: an item whose due date is moved and then passes again is overdue anew. */
    static String eventKey(ActionItem a) {
        return Event.ACTION_OVERDUE + ":action/" + a.id() + ":due/" + a.due();
    }

    private static Map<String, Object> data(ActionItem a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incident", a.incident());
        data.put("incidentTitle", a.incidentTitle());
        data.put("action", a.id());
        data.put("title", a.title());
        data.put("owner", String.valueOf(a.owner()));
        data.put("priority", a.priority());
        data.put("due", a.due());
        return data;
    }
}

package dev.steward.plugins;

import dev.steward.catalog.model.EntityRef;
import dev.steward.plugin.Event;
import dev.steward.readiness.CheckResult;
import dev.steward.readiness.CheckStatus;
import dev.steward.readiness.ChecklistReadiness;
import dev.steward.readiness.EntityReadiness;
import dev.steward.readiness.LiveReadiness;
import dev.steward.readiness.ReadinessIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What notifiers hear of readiness: an attestation that expires within 7 days (once per attestation,
 * across replicas and restarts: each is claimed in the store first), and an entity that lost a level it
 * had (compared with this replica's previous look; the first look only records). {@link #check()} is one
 * look; the server calls it every minute.
 */
public final class ReadinessEvents {
    static final Duration EXPIRY_WARNING = Duration.ofDays(7);

    private final PluginHost plugins;
    private final LiveReadiness readiness;
    private final Predicate<String> firstToClaim;
    private Map<String, String> levels;

    /** {@code firstToClaim} is true for the one caller that claims an event key first ({@code SentNotifications::claim}). */
    public ReadinessEvents(PluginHost plugins, LiveReadiness readiness, Predicate<String> firstToClaim) {
        this.plugins = plugins;
        this.readiness = readiness;
        this.firstToClaim = firstToClaim;
    }

    /** One look: events for what changed since the last. Not thread-safe: one timer calls it. */
    public void check() {
        if (!plugins.hasNotifiers()) return;
        ReadinessIndex index = readiness.current();
        Instant now = index.at();
        Map<String, String> next = new HashMap<>();
        for (EntityReadiness r : index.all()) {
            for (ChecklistReadiness c : r.checklists()) {
                String key = r.entity() + "|" + c.checklist();
                next.put(key, c.level() == null ? "" : c.level());
                if (levels != null && levels.containsKey(key) && lower(c, levels.get(key))) lost(r.entity(), c, levels.get(key));
                for (CheckResult check : c.checks()) expiring(r.entity(), c, check, now);
            }
        }
        levels = next;
    }

    private static boolean lower(ChecklistReadiness c, String before) {
        int then = before.isEmpty() ? -1 : c.levels().indexOf(before);
        return c.rank() < then;
    }

    private void lost(EntityRef entity, ChecklistReadiness c, String from) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity", entity.toString());
        data.put("checklist", c.checklist());
        data.put("from", from);
        if (c.level() != null) data.put("to", c.level());
        data.put("ready", c.ready());
        int lostRank = c.levels().indexOf(from);
        data.put("failing", c.checks().stream().filter(k -> k.counts() && !k.status().met()
                && c.levels().indexOf(k.level()) <= lostRank).map(CheckResult::id).toList());
        plugins.notify(Event.READINESS_LEVEL_LOST, data);
    }

    private void expiring(EntityRef entity, ChecklistReadiness c, CheckResult check, Instant now) {
        CheckResult.AttestationView a = check.attestation();
        if (a == null || a.expiresAt() == null || check.status() != CheckStatus.PASS) return;
        if (a.expiresAt().isAfter(now.plus(EXPIRY_WARNING))) return;
        if (!firstToClaim.test(Event.READINESS_EXPIRING + ":attestation/" + a.id())) return;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity", entity.toString());
        data.put("checklist", c.checklist());
        data.put("check", check.id());
        data.put("actor", String.valueOf(a.actor()));
        data.put("expiresAt", a.expiresAt().toString());
        data.put("mustAct", check.by().stream().map(p -> p.ref().toString()).toList());
        plugins.notify(Event.READINESS_EXPIRING, data);
    }
}

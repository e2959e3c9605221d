package dev.steward.plugins;

import dev.steward.alignment.Finding;
import dev.steward.alignment.store.AlignmentState;
import dev.steward.catalog.load.LoadAttempt;
import dev.steward.plugin.Event;
import dev.steward.rca.IncidentService;
import dev.steward.readiness.LiveReadiness;
import dev.steward.store.SentNotifications;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the server tells notifiers: each load of a commit, and each action item as it becomes overdue. */
public final class PluginEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginEvents.class);

    private final ScheduledExecutorService timer;

    private PluginEvents(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** {@code snapshot.loaded} for a served commit, {@code validation.failed} for a rejected one. */
    public static void loaded(PluginHost plugins, LoadAttempt attempt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commit", attempt.commit());
        data.put("ref", attempt.ref());
        data.put("millis", attempt.millis());
        data.put("entities", attempt.entities());
        data.put("errors", attempt.errors());
        if (attempt.firstError() != null) data.put("firstError", attempt.firstError());
        if (attempt.outcome() == LoadAttempt.Outcome.SERVED) plugins.notify(Event.SNAPSHOT_LOADED, data);
        else plugins.notify(Event.VALIDATION_FAILED, data);
    }

    /**
     * Checks every minute for open action items past their due date and sends {@code action.overdue}
     * once for each, across replicas and restarts ({@link OverdueEvents}).
     */
    public static PluginEvents watchOverdue(PluginHost plugins, IncidentService incidents, SentNotifications sent) {
        if (!plugins.hasNotifiers()) {
            return new PluginEvents(null);
        }
        OverdueEvents events = new OverdueEvents(plugins, incidents, sent);
        return everyMinute("steward-overdue", 5, events::check, "checking for overdue action items failed");
    }

    /** Looks at readiness every minute for expiring attestations and lost levels ({@link ReadinessEvents}). */
    public static PluginEvents watchReadiness(PluginHost plugins, LiveReadiness readiness, SentNotifications sent) {
        if (!plugins.hasNotifiers()) return new PluginEvents(null);
        ReadinessEvents events = new ReadinessEvents(plugins, readiness, sent::claim);
        return everyMinute("steward-readiness-events", 10, events::check, "checking readiness for notifications failed");
    }

    /** Runs {@code check} every minute on a daemon thread of its own; a failure is logged and the next look goes on. */
    private static PluginEvents everyMinute(String thread, long firstAfterSeconds, Runnable check, String failure) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                check.run();
            } catch (RuntimeException e) {
                LOG.warn(failure, e);
            }
        }, firstAfterSeconds, 60, TimeUnit.SECONDS);
        return new PluginEvents(timer);
    }

    /** {@code alignment.drift} for each drift a scan found that the scan before it had not. */
    public static void aligned(PluginHost plugins, AlignmentState before,
                               AlignmentState after) {
        if (!plugins.hasNotifiers()) return;
        Set<Finding> known = new HashSet<>();
        before.findings().forEach(f -> known.add(f.finding()));
        for (var found : after.findings()) {
            var f = found.finding();
            if (f.kind() != Finding.Kind.DRIFT || known.contains(f)) continue;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("entity", String.valueOf(f.entity()));
            data.put("source", f.source());
            data.put("asset", f.asset());
            data.put("field", f.field());
            data.put("declared", String.valueOf(f.declared()));
            data.put("actual", String.valueOf(f.actual()));
            if (f.owner() != null) data.put("owner", f.owner().toString());
            plugins.notify(Event.ALIGNMENT_DRIFT, data);
        }
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}

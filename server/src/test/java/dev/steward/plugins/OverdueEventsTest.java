package dev.steward.plugins;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.plugin.Event;
import dev.steward.plugin.Notifier;
import dev.steward.rca.ActionItem;
import dev.steward.rca.ActionSla;
import dev.steward.rca.AddAction;
import dev.steward.rca.CreateIncident;
import dev.steward.rca.IncidentService;
import dev.steward.rca.UpdateAction;
import dev.steward.store.Database;
import dev.steward.store.SentNotifications;
import dev.steward.testing.TestDatabases;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** An overdue action item is told once in all: not once per replica, not again after a restart. */
@ParameterizedClass
@EnumSource(TestDatabases.Kind.class)
class OverdueEventsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String CATALOG = group("lakehouse", "members: [dana]") + user("dana")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse")
            + responsibility("incident-rca", "type: duty")
            + policy("defaults", "rules:\n  - for: [incident-rca]\n    responsible: [owner]");

    @Parameter
    TestDatabases.Kind store;
    @TempDir
    Path tmp;
    TestRepo repo;
    LiveCatalog live;
    TestDatabases.TestDb testDb;
    List<Event> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    PluginHost notifiers;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.create(tmp);
        repo.manifest("all.yaml", CATALOG).commit("main");
        live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        testDb = TestDatabases.open(store, tmp);
        notifiers = PluginHost.of(Map.of(), new Collector(seen, done));
    }

    @AfterEach
    void tearDown() {
        notifiers.close();
        repo.close();
        testDb.close();
    }

    /** One replica's view: its own services over its own connection to the shared store. */
    private OverdueEvents replica(Database db) {
        return new OverdueEvents(notifiers, new IncidentService(db, live, CLOCK, ActionSla.DEFAULT),
                new SentNotifications(db, CLOCK));
    }

    private IncidentService incidents() {
        return new IncidentService(testDb.db(), live, CLOCK, ActionSla.DEFAULT);
    }

    private ActionItem overdueAction(String due) {
        long incident = incidents().create(CreateIncident.parse(Map.of("title", "Orders late", "severity", "SEV2",
                "entities", List.of("resource:orders-fact"))), "ops").id();
        return incidents().addAction(incident, AddAction.parse(Map.of("title", "Alert on freshness", "owner", "lakehouse",
                "dueDate", due)), "ops");
    }

    private List<Event> toldOverdue() throws InterruptedException {
        notifiers.notify("test.done", Map.of());
        assertTrue(done.await(5, TimeUnit.SECONDS), seen::toString);
        assertTrue(seen.stream().allMatch(e -> e.type().equals(Event.ACTION_OVERDUE)), seen::toString);
        return seen;
    }

    /** Every replica's notifications, in one list; "test.done" comes after all sent before it. */
    record Collector(List<Event> seen, CountDownLatch done) implements Notifier {
        @Override
        public String name() {
            return "collector";
        }

        @Override
        public void notify(Event event) {
            if (event.type().equals("test.done")) done.countDown();
            else seen.add(event);
        }
    }

    @Test
    void anOverdueActionIsToldOnceAcrossReplicasAndRestarts() throws Exception {
        long action = overdueAction("2026-11-30").id();
        try (Database secondReplica = testDb.reopen()) {
            OverdueEvents first = replica(testDb.db());
            OverdueEvents second = replica(secondReplica);
            first.check();
            second.check();
            first.check();
        }
        try (Database restarted = testDb.reopen()) {
            replica(restarted).check();
        }

        List<Event> told = toldOverdue();
        assertEquals(1, told.size(), told::toString);
        assertEquals(action, ((Number) told.get(0).data().get("action")).longValue());
        assertEquals("2026-11-30", told.get(0).data().get("due"));
    }

    @Test
    void anActionWhoseDueDateMovedIsToldAgainWhenTheNewDateHasPassed() throws Exception {
        ActionItem action = overdueAction("2026-11-20");
        OverdueEvents events = replica(testDb.db());
        events.check();
        incidents().updateAction(action.incident(), action.id(), UpdateAction.parse(Map.of("dueDate", "2026-11-28")), "ops");
        events.check();
        events.check();

        List<Object> dues = toldOverdue().stream().map(e -> e.data().get("due")).toList();
        assertEquals(List.of("2026-11-20", "2026-11-28"), dues);
    }
}

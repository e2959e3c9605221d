package dev.steward.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.model.EntityRef;
import dev.steward.plugin.Event;
import dev.steward.readiness.Attestation;
import dev.steward.readiness.Evidence;
import dev.steward.readiness.LiveReadiness;
import dev.steward.readiness.ReadinessApiTest;
import dev.steward.readiness.Voids;
import dev.steward.store.Database;
import dev.steward.store.SentNotifications;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifiers hear of an attestation about to expire (once) and of an entity that lost a level. */
class ReadinessEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void anExpiringAttestationIsToldOnceAcrossReplicasAndALostLevelIsTold() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp); Database store = Database.openSqlite(tmp.resolve("store.db"))) {
            repo.manifest("org.yaml", ReadinessApiTest.ORG).manifest("readiness.yaml", ReadinessApiTest.CHECKLIST)
                    .manifest("jobs.yaml", ReadinessApiTest.JOBS).commit("main");
            LiveCatalog live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
            Attestation drill = new Attestation(1, EntityRef.parse("component:good-job"), "streaming-job",
                    "failure-injection", EntityRef.parse("user:ana"), "https://ci.example/1", null,
                    NOW.minusSeconds(600), live.current().commit(), Map.of());
            Evidence evidence = Evidence.of(1, List.of(drill), List.of());
            LiveReadiness readiness = new LiveReadiness(live::current, () -> evidence, Voids.BY_VALUE,
                    Clock.fixed(NOW, ZoneOffset.UTC));
            List<Event> seen = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(3);
            try (PluginHost host = PluginHost.of(Map.of(), new PluginHostTest.Recorder("recorder", seen, all))) {
                SentNotifications sent = new SentNotifications(store, Clock.fixed(NOW, ZoneOffset.UTC));
                ReadinessEvents events = new ReadinessEvents(host, readiness, sent::claim);
                ReadinessEvents otherReplica = new ReadinessEvents(host, readiness, sent::claim);
                events.check();
                events.check();
                otherReplica.check();
                repo.manifest("jobs.yaml", ReadinessApiTest.JOBS.replace("{interval: 60s, timeout: 10m}",
                        "{interval: 60s, timeout: 30s}"));
                live.offer(repo.commitAndLoad());
                events.check();
                // Notifications are delivered in order: once this one arrives, every earlier one has.
                host.notify("test.done", Map.of());
                assertTrue(all.await(5, TimeUnit.SECONDS), seen::toString);
                assertEquals(List.of(Event.READINESS_EXPIRING, Event.READINESS_LEVEL_LOST, "test.done"),
                        seen.stream().map(Event::type).toList());
                assertEquals("failure-injection", seen.get(0).data().get("check"));
                assertEquals("2026-12-01T12:50:00Z", seen.get(0).data().get("expiresAt"));
                Map<String, Object> lost = seen.get(1).data();
                assertEquals("component:default/good-job", lost.get("entity"));
                assertEquals("silver", lost.get("from"));
                assertEquals("bronze", lost.get("to"));
                assertEquals(List.of("interval-within-timeout"), lost.get("failing"));
            }
        }
    }
}

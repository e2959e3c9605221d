package dev.steward.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.alignment.Finding;
import dev.steward.alignment.store.AlignmentState;
import dev.steward.catalog.model.EntityRef;
import dev.steward.plugin.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Notifiers hear of drift a scan found that the scan before it had not, once. */
class AlignmentEventsTest {
    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

    private static AlignmentState state(Finding... findings) {
        return new AlignmentState(List.of(), java.util.Arrays.stream(findings)
                .map(f -> new AlignmentState.Found(f, AT, false)).toList(), Map.of(), 1);
    }

    @Test
    void onlyNewDriftIsTold() throws Exception {
        Finding partitions = new Finding(Finding.Kind.DRIFT, EntityRef.parse("resource:orders"), "kafka:x", "orders",
                "partitions", 12L, 8L, EntityRef.parse("group:streaming"));
        Finding retention = new Finding(Finding.Kind.DRIFT, EntityRef.parse("resource:orders"), "kafka:x", "orders",
                "retention.ms", 1L, 2L, EntityRef.parse("group:streaming"));
        Finding unmanaged = new Finding(Finding.Kind.UNMANAGED, null, "kafka:x", "clicks", null, null, null, null);
        List<Event> seen = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        try (PluginHost host = PluginHost.of(Map.of(), new PluginHostTest.Recorder("recorder", seen, two))) {
            PluginEvents.aligned(host, state(partitions), state(partitions, retention, unmanaged));
            host.notify("test.done", Map.of()); // delivered in order: everything before it has arrived
            assertTrue(two.await(5, TimeUnit.SECONDS), seen::toString);
            assertEquals(List.of(Event.ALIGNMENT_DRIFT, "test.done"), seen.stream().map(Event::type).toList());
            assertEquals("retention.ms", seen.get(0).data().get("field"));
            assertEquals("group:default/streaming", seen.get(0).data().get("owner"));
        }
    }
}

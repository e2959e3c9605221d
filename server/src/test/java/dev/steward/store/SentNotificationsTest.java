package dev.steward.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.TestDatabases;
import dev.steward.testing.TestDatabases.Kind;
import dev.steward.testing.TestDatabases.TestDb;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Replicas claiming the same event at the same moment: exactly one of them gets to send it. */
class SentNotificationsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void replicasClaimingOneEventTogetherLetExactlyOneSendIt(Kind kind) throws Exception {
        int replicas = 6;
        try (TestDb test = TestDatabases.open(kind, tmp)) {
            List<Database> opened = new ArrayList<>();
            for (int i = 0; i < replicas; i++) opened.add(test.reopen());
            ExecutorService pool = Executors.newFixedThreadPool(replicas);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (Database db : opened) {
                SentNotifications sent = new SentNotifications(db, CLOCK);
                claims.add(pool.submit(() -> {
                    start.await();
                    return sent.claim("action.overdue:action/1:due/2026-11-30");
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> claim : claims) won += claim.get() ? 1 : 0;
            pool.shutdown();
            opened.forEach(Database::close);

            assertEquals(1, won);
            assertFalse(new SentNotifications(test.db(), CLOCK).claim("action.overdue:action/1:due/2026-11-30"));
            assertTrue(new SentNotifications(test.db(), CLOCK).claim("action.overdue:action/1:due/2026-12-07"));
        }
    }
}

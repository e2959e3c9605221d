package dev.steward.rca;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.testing.TestDatabases;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Listing incidents by status: the status filter applies before the limit, so old open incidents stay listed. */
@ParameterizedClass
@EnumSource(TestDatabases.Kind.class)
class IncidentListTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final String CATALOG = group("lakehouse", "members: [dana]") + user("dana")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse")
            + resource("clicks-fact", "type: iceberg-table\nowner: lakehouse")
            + responsibility("incident-rca", "type: duty")
            + policy("defaults", "rules:\n  - for: [incident-rca]\n    responsible: [owner]");

    @Parameter
    TestDatabases.Kind store;
    @TempDir
    Path tmp;
    TestRepo repo;
    TestDatabases.TestDb testDb;
    IncidentService incidents;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.create(tmp);
        repo.manifest("all.yaml", CATALOG).commit("main");
        LiveCatalog live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        testDb = TestDatabases.open(store, tmp);
        incidents = new IncidentService(testDb.db(), live, Clock.fixed(NOW, ZoneOffset.UTC), ActionSla.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        repo.close();
        testDb.close();
    }

    private long open(String title, String entity) {
        return incidents.create(CreateIncident.parse(Map.of("title", title, "severity", "SEV3", "entities", List.of(entity))), "ops").id();
    }

    private void openAndResolve(int count, String entity) {
        for (int i = 0; i < count; i++) {
            long id = open("resolved " + i, entity);
            incidents.update(id, UpdateIncident.parse(Map.of("status", "resolved")), "ops");
        }
    }

    @Test
    void aLongOpenIncidentIsListedBehindManyNewerResolvedOnes() {
        long longOpen = open("still open", "resource:orders-fact");
        openAndResolve(12, "resource:orders-fact");

        List<Incident> open = incidents.list(null, "open", 10);

        assertEquals(List.of(longOpen), open.stream().map(Incident::id).toList());
    }

    @Test
    void aLongOpenIncidentOfTheEntityIsListedBehindManyNewerResolvedOnes() {
        long longOpen = open("still open", "resource:orders-fact");
        open("open elsewhere", "resource:clicks-fact");
        openAndResolve(12, "resource:orders-fact");

        List<Incident> open = incidents.list("resource:orders-fact", "open", 10);

        assertEquals(List.of(longOpen), open.stream().map(Incident::id).toList());
    }

    @Test
    void theLimitStillAppliesToTheIncidentsOfTheStatus() {
        openAndResolve(3, "resource:orders-fact");

        assertEquals(2, incidents.list(null, "resolved", 2).size());
        assertEquals(3, incidents.list(null, null, 10).size());
    }

    @Test
    void anUnknownStatusIsRejected() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> incidents.list(null, "archived", 10));
        assertEquals("status", e.field());
    }

    @Test
    void theTimelineIsInTimeOrderEvenWhenSomeTimesHaveFractionsOfASecond() {
        Incident created = incidents.create(CreateIncident.parse(Map.of("title", "Orders late", "severity", "SEV2",
                "entities", List.of("orders-fact"))), "test");
        incidents.update(created.id(), UpdateIncident.parse(Map.of("timeline", List.of(
                Map.of("at", "2026-11-24T10:00:00.500Z", "text", "second"),
                Map.of("at", "2026-11-24T10:00:00Z", "text", "first"),
                Map.of("at", "2026-11-24T10:00:01Z", "text", "third")))), "test");
        List<String> texts = incidents.get(created.id()).timeline().stream().map(Incident.TimelineEntry::text)
                .filter(t -> List.of("first", "second", "third").contains(t)).toList();
        assertEquals(List.of("first", "second", "third"), texts);
    }
}

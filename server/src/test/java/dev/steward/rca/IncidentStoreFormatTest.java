package dev.steward.rca;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.model.EntityRef;
import dev.steward.store.Database;
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

/**
 * The typed store reads the rows the hand-written one stored (text instants, JSON text lists and
 * parties, status labels), and writes them in that same form, so stores written before it keep
 * working without a migration.
 */
@ParameterizedClass
@EnumSource(TestDatabases.Kind.class)
class IncidentStoreFormatTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final String CATALOG = group("lakehouse", "members: [dana]") + user("dana")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse");
    private static final String SRE = "{\"ref\":\"group:default/sre\",\"min\":2,"
            + "\"members\":[\"user:default/gus\",\"user:default/hana\"],\"via\":[]}";

    @Parameter
    TestDatabases.Kind store;
    @TempDir
    Path tmp;
    TestRepo repo;
    TestDatabases.TestDb testDb;
    Database db;
    IncidentService incidents;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.create(tmp);
        repo.manifest("all.yaml", CATALOG).commit("main");
        LiveCatalog live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        testDb = TestDatabases.open(store, tmp);
        db = testDb.db();
        incidents = new IncidentService(db, live, Clock.fixed(NOW, ZoneOffset.UTC), ActionSla.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        repo.close();
        testDb.close();
    }

    /** A postmortem incident, its entity, timeline, sign-off and action, as the earlier code wrote them. */
    private void writeTheOldWay() {
        db.write(h -> {
            h.execute("INSERT INTO incident (id, title, severity, status, started_at, detected_at, mitigated_at, "
                    + "resolved_at, closed_at, commander, summary, impact, root_causes, contributing_factors, lessons, "
                    + "rca_owner, rca_reviewers, rca_commit, created_at, updated_at) VALUES (7, 'Orders late', 'SEV2', "
                    + "'postmortem', '2026-11-23T23:50:00Z', '2026-11-24T00:05:30.123Z', '2026-11-24T01:00:00Z', "
                    + "'2026-11-24T02:00:00Z', NULL, 'alice', 'Backlog drained', NULL, '[\"checkpoint timeouts\"]', "
                    + "'[]', '[\"alert on lag\"]', NULL, '[" + SRE.replace("'", "''") + "]', 'abc123', "
                    + "'2026-11-24T00:05:30.123Z', '2026-11-24T02:00:00Z')");
            h.execute("INSERT INTO incident_entity (incident_id, position, entity_ref) VALUES (7, 0, "
                    + "'resource:default/orders-fact')");
            h.execute("INSERT INTO timeline_entry (incident_id, at, text, author) VALUES (7, '2026-11-24T00:05:30.123Z', "
                    + "'incident opened (SEV2)', 'ops')");
            h.execute("INSERT INTO rca_signoff (incident_id, reviewer, signed_at) VALUES (7, 'user:default/gus', "
                    + "'2026-11-24T03:00:00Z')");
            h.execute("INSERT INTO action_item (incident_id, title, owner, priority, due_date, status, link, created_at, "
                    + "updated_at) VALUES (7, 'Alert on lag', 'group:default/lakehouse', 'P1', '2026-11-20', 'wont-do', "
                    + "NULL, '2026-11-24T00:06:00Z', '2026-11-24T00:06:00Z')");
            return null;
        });
    }

    @Test
    void rowsWrittenByTheEarlierStoreReadBackWhole() {
        writeTheOldWay();

        Incident incident = incidents.get(7);

        assertEquals("postmortem", incident.status());
        assertEquals(List.of("closed"), incident.nextStatuses());
        assertEquals(Instant.parse("2026-11-24T00:05:30.123Z"), incident.detectedAt());
        assertNull(incident.closedAt());
        assertEquals(List.of("checkpoint timeouts"), incident.rootCauses());
        assertEquals(List.of(), incident.contributingFactors());
        assertNull(incident.rcaOwner());
        assertEquals(2, incident.rcaReviewers().get(0).min());
        assertEquals(List.of(EntityRef.parse("resource:default/orders-fact")), incident.entities());
        assertEquals(EntityRef.parse("user:default/gus"), incident.signOffs().get(0).reviewer());
        ActionItem action = incident.actions().get(0);
        assertEquals("wont-do", action.status());
        assertEquals("2026-11-20", action.due());
        assertFalse(action.overdue(), "a won't-do action is never overdue");
    }

    @Test
    void theLifecycleGoesOnFromRowsWrittenByTheEarlierStore() {
        writeTheOldWay();

        incidents.update(7, UpdateIncident.parse(Map.of("signOff", "user:hana")), "ops");
        Incident closed = incidents.update(7, UpdateIncident.parse(Map.of("status", "closed")), "ops");

        assertEquals("closed", closed.status());
        assertEquals(NOW, closed.closedAt());
        assertEquals(Instant.parse("2026-11-24T01:00:00Z"), closed.mitigatedAt(), "kept as stored");
    }

    @Test
    void newRowsAreStoredInTheFormTheEarlierStoreUsed() {
        long id = incidents.create(CreateIncident.parse(Map.of("title", "t", "severity", "SEV3",
                "entities", List.of("orders-fact"), "lessons", List.of("one"))), "ops").id();
        incidents.addAction(id, AddAction.parse(Map.of("title", "x", "owner", "lakehouse", "dueDate", "2026-12-01")), "ops");
        incidents.update(id, UpdateIncident.parse(Map.of("status", "resolved")), "ops");

        Map<String, Object> incident = db.read(h -> h.createQuery("SELECT status, detected_at, resolved_at, lessons, "
                + "rca_reviewers FROM incident WHERE id = :id").bind("id", id).mapToMap().one());
        assertEquals(Map.of("status", "resolved", "detected_at", NOW.toString(), "resolved_at", NOW.toString(),
                "lessons", "[\"one\"]", "rca_reviewers", "[]"), incident);
        Map<String, Object> action = db.read(h -> h.createQuery("SELECT owner, due_date, status FROM action_item")
                .mapToMap().one());
        assertEquals(Map.of("owner", "group:default/lakehouse", "due_date", "2026-12-01", "status", "open"), action);
        List<String> at = db.read(h -> h.createQuery("SELECT at FROM timeline_entry ORDER BY id").mapTo(String.class).list());
        assertEquals(List.of(NOW.toString(), NOW.toString()), at);
        String detail = db.read(h -> h.createQuery("SELECT detail FROM audit WHERE action = 'incident.create'")
                .mapTo(String.class).one());
        assertTrue(detail.contains("\"title\":\"t\"") && detail.contains("\"entities\":[\"orders-fact\"]"), detail);
    }
}

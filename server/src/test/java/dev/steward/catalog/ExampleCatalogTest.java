package dev.steward.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.load.yaml.YamlLimits;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.OwnershipPolicy;
import dev.steward.catalog.model.PartySpec;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.Values;
import dev.steward.git.WorktreeSource;
import dev.steward.readiness.AttestParties;
import dev.steward.readiness.Attestation;
import dev.steward.readiness.CheckResult;
import dev.steward.readiness.CheckStatus;
import dev.steward.readiness.ChecklistReadiness;
import dev.steward.readiness.EntityReadiness;
import dev.steward.readiness.Evidence;
import dev.steward.readiness.ReadinessEvaluator;
import dev.steward.readiness.Voids;
import dev.steward.readiness.Waiver;
import dev.steward.resolve.Party;
import dev.steward.resolve.Resolution;
import dev.steward.resolve.Resolver;
import dev.steward.resolve.Status;
import dev.steward.testing.ProjectPaths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The example catalog that {@code serve} shows out of the box: it validates, it has what the issue
 * asks for, and it answers every question of the seed's section 5.4 for a real asset.
 */
class ExampleCatalogTest {
    private static Catalog catalog;

    @BeforeAll
    static void load() throws Exception {
        catalog = new ManifestLoader().load(WorktreeSource.read(ProjectPaths.root(), "catalog-yaml", "runbooks",
                YamlLimits.DEFAULT.maxFileBytes()));
    }

    private static long count(String kind, String type) {
        return catalog.entities().stream()
                .filter(e -> e.isKind(kind) && (type == null || type.equals(e.type()))).count();
    }

    @Test
    void validatesWithoutErrorsOrWarnings() {
        assertEquals(List.of(), catalog.problems());
    }

    @Test
    void hasTheRealisticPlatformTheIssueAsksFor() {
        assertTrue(count("domain", null) >= 2);
        assertTrue(catalog.entities().stream().anyMatch(e -> e.isKind("domain") && e.subdomainOf() != null));
        assertTrue(count("system", null) >= 3);
        assertTrue(count("group", null) >= 6);
        assertTrue(count("user", null) >= 10);
        assertTrue(count("component", "flink-job") >= 5);
        assertTrue(count("resource", "kafka-topic") >= 5);
        assertTrue(count("api", "avro") >= 4);
        assertTrue(count("resource", "iceberg-table") >= 6);
        assertTrue(count("resource", "flink-cluster") + count("resource", "kafka-cluster") >= 2);
        // Real lineage: the revenue mart is downstream of the checkout service through 7 hops.
        assertTrue(catalog.lineage().consumers(EntityRef.parse("component:checkout-service"))
                .contains(EntityRef.parse("resource:revenue-daily")));
        // A group hierarchy at least three levels deep.
        assertTrue(catalog.groups().eligibleMembers(EntityRef.parse("group:acme-data")).size() >= 10);
    }

    @Test
    void everyResponsibilityHasARunbookThatExists() {
        for (Responsibility r : catalog.responsibilities()) {
            if (r.builtIn()) continue;
            assertTrue(r.runbook() != null && catalog.runbooks().exists(r.runbook()), r.name());
        }
        assertTrue(catalog.responsibilities().stream().filter(r -> !r.builtIn()).count() >= 9);
    }

    @Test
    void policiesUseEveryScopeAndFeature() {
        var policies = catalog.policies().policies();
        assertTrue(policies.stream().anyMatch(OwnershipPolicy::isGlobal));
        for (String kind : List.of("domain", "system", "resource")) {
            assertTrue(policies.stream().anyMatch(p -> p.scope() != null && p.scope().kind().equals(kind)), kind);
        }
        var rules = policies.stream().flatMap(p -> p.rules().stream()).toList();
        assertTrue(rules.stream().anyMatch(r -> !r.inherit()));
        assertTrue(rules.stream().anyMatch(r -> r.runbook() != null));
        var parties = rules.stream().flatMap(r -> r.parties().values().stream()).flatMap(List::stream).toList();
        assertTrue(parties.stream().anyMatch(p -> p.min() > 1));
        assertTrue(parties.stream().anyMatch(p -> p.token() == PartySpec.Token.OWNER));
        assertTrue(parties.stream().anyMatch(p -> p.token() == PartySpec.Token.CONSUMERS));
    }

    /** Each question of section 5.4, for a real example asset, with whom it must name. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "api:order-events-avro,            schema-change-breaking, approvers, group:default/payments-team",
        "resource:payments-fact,           partition-evolution, approvers,   group:default/payments-team",
        "resource:orders-enriched,         table-layout,        approvers,   group:default/lakehouse",
        "resource:flink-prod-eu1,          cluster-maintenance, responsible, group:default/streaming-infra",
        "resource:s3-data-eu1,             storage-maintenance, responsible, group:default/lakehouse",
        "component:orders-enrichment,      checkpoint-health,   responsible, group:default/orders-team",
        "resource:flink-prod-eu1,          flink-upgrade,       approvers,   group:default/streaming-infra",
        "component:fraud-scoring,          canary-rollout,      responsible, group:default/streaming-infra",
        "resource:payments-fact,           incident-rca,        responsible, group:default/payments-team",
        "resource:payments.payment-events.v1, retention-change, approvers,   group:default/data-governance",
        "resource:orders-enriched,         compaction,          responsible, group:default/lakehouse",
        "api:enriched-order-avro,          deprecation,         approvers,   group:default/orders-team",
    })
    void answersTheSeedsOwnershipQuestions(String entity, String responsibility, String role, String expected) {
        Resolution r = Resolver.resolve(catalog, EntityRef.parse(entity), responsibility);
        assertEquals(Status.OK, r.status(), r.note());
        List<Party> parties = role.equals("approvers") ? r.approvers() : r.responsible();
        assertTrue(parties.stream().anyMatch(p -> p.ref().toString().equals(expected)),
                () -> expected + " not among " + parties.stream().map(p -> p.ref().toString()).toList());
        assertTrue(r.runbook() != null && catalog.runbooks().exists(r.runbook()), "has a runbook");
    }

    @Test
    void paymentsTablesNeedTwoPaymentsEngineersAndIgnoreWiderRules() {
        Resolution r = Resolver.resolve(catalog, EntityRef.parse("resource:payments-fact"), "partition-evolution");
        Party payments = r.approvers().stream().filter(p -> p.ref().name().equals("payments-team")).findFirst()
                .orElseThrow();
        assertEquals(2, payments.min());
        assertEquals("iceberg/payments-partitioning.md", r.runbook());
        assertTrue(r.approvers().stream().noneMatch(p -> p.via().stream().anyMatch(v -> v.scope().equals("global"))),
                "inherit: false at the system keeps global rules out");
    }

    // ---- Production readiness (governance/readiness.yaml): the source document's sections 5.1-5.3 as checks.

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    /**
     * What platform alignment would have observed of the example tables: a compaction ten minutes ago.
     * Only the gold check that reads {@code facts} looks at it.
     */
    private static final Map<String, Object> COMPACTED = Map.of("lastCompactionAgeSeconds", 600L);

    private static ReadinessEvaluator evaluator() {
        return new ReadinessEvaluator(catalog, Voids.BY_VALUE);
    }

    private static ReadinessEvaluator observedEvaluator() {
        return new ReadinessEvaluator(catalog, Voids.BY_VALUE, ref -> ref.kind().equals("resource") ? COMPACTED : Map.of());
    }

    private static EntityReadiness readiness(String ref, Evidence evidence) {
        Entity entity = catalog.entity(EntityRef.parse(ref));
        assertNotNull(entity, ref);
        EntityReadiness r = observedEvaluator().evaluate(entity, evidence, NOW);
        assertNotNull(r, "a checklist applies to " + ref);
        return r;
    }

    /** Every entity a checklist applies to, with its level out of the box (no attestations in a fresh store). */
    private static Map<String, EntityReadiness> outOfTheBox() {
        Map<String, EntityReadiness> out = new TreeMap<>();
        for (Entity e : catalog.entities()) {
            EntityReadiness r = evaluator().evaluate(e, Evidence.NONE, NOW);
            if (r != null) out.put(e.ref().toString(), r);
        }
        return out;
    }

    private static CheckResult check(EntityReadiness r, String checklist, String id) {
        ChecklistReadiness c = r.checklist(checklist);
        assertNotNull(c, checklist);
        return c.checks().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static List<String> notMet(EntityReadiness r) {
        return r.checklists().stream().flatMap(c -> c.checks().stream())
                .filter(c -> !c.status().met()).map(c -> c.level() + ":" + c.id() + "=" + c.status().label()).toList();
    }

    @Test
    void shipsTheSourceDocumentsThreeChecklists() {
        for (String name : List.of("streaming-job", "iceberg-table", "avro-schema")) {
            ReadinessChecklist c = catalog.checklist(name);
            assertNotNull(c, name);
            assertEquals(List.of("bronze", "silver", "gold"), c.levels(), name);
            assertEquals("bronze", c.gate(), name);
            for (ReadinessChecklist.Check check : c.checks()) {
                // bronze and silver are rules a pull request can fix; gold is what people attest and
                // what platform alignment observes (rules over facts)
                boolean observed = check.rule() != null && check.rule().text().contains("facts.");
                assertEquals(check.level().equals("gold") && !observed ? ReadinessChecklist.Kind.ATTEST
                        : ReadinessChecklist.Kind.RULE, check.kind(), name + " " + check.id());
                assertEquals(observed, check.level().equals("gold") && check.kind() == ReadinessChecklist.Kind.RULE,
                        name + " " + check.id() + ": rules over facts sit at gold");
                assertTrue(check.runbook() != null && catalog.runbooks().exists(check.runbook()), name + " " + check.id());
            }
            for (String level : c.levels()) {
                assertTrue(c.checks().stream().anyMatch(x -> x.level().equals(level)), name + " has checks at " + level);
            }
        }
        assertTrue(catalog.checklist("streaming-job").appliesTo(catalog.entity(EntityRef.parse("component:fraud-scoring"))));
        assertTrue(catalog.checklist("iceberg-table").appliesTo(catalog.entity(EntityRef.parse("resource:payments-fact"))));
        assertTrue(catalog.checklist("avro-schema").appliesTo(catalog.entity(EntityRef.parse("api:order-events-avro"))));
        // Section 5.3's failure-injection tests hold 90 days; a restore test is void after a Flink upgrade.
        ReadinessChecklist.Attest failure = catalog.checklist("streaming-job").check("failure-injection-tested").attest();
        assertEquals(java.time.Duration.ofDays(90), failure.validFor());
        assertEquals(List.of("spec.flinkVersion"),
                catalog.checklist("streaming-job").check("restore-from-savepoint").attest().voidOn());
    }

    @Test
    void noReadinessCheckErrsOnTheExampleCatalog() {
        Map<String, EntityReadiness> all = outOfTheBox();
        assertEquals(6 + 7 + 5, all.size(), () -> "jobs, tables and schemas with a checklist: " + all.keySet());
        List<String> errors = new ArrayList<>();
        all.forEach((ref, r) -> r.checklists().forEach(c -> c.checks().stream()
                .filter(x -> x.status() == CheckStatus.ERROR)
                .forEach(x -> errors.add(ref + " " + c.checklist() + "/" + x.id() + ": " + x.message()))));
        assertEquals(List.of(), errors);
        // Out of the box nothing is attested: every gold check is pending, so nothing is gold yet.
        all.forEach((ref, r) -> r.checklists().forEach(c -> c.checks().stream().filter(x -> x.level().equals("gold"))
                .forEach(x -> assertEquals(x.kind().equals("attest") ? CheckStatus.PENDING : CheckStatus.FAIL, x.status(),
                        ref + " " + x.id() + ": nothing attested, nothing observed"))));
    }

    @Test
    void levelsSpreadOverNotReadyBronzeAndSilverOutOfTheBox() {
        Map<String, String> expected = new LinkedHashMap<>();
        // streaming-job
        expected.put("component:default/orders-enrichment", "silver");
        expected.put("component:default/fraud-scoring", "silver");
        expected.put("component:default/payments-iceberg-sink", "silver");
        expected.put("component:default/orders-iceberg-sink", "bronze");      // checkpoints deleted on cancellation
        expected.put("component:default/order-anomaly-detection", "bronze");  // writes an unregistered table
        expected.put("component:default/customer-profile-upsert", null);      // no JVM memory budget
        // iceberg-table
        expected.put("resource:default/payments-fact", "silver");
        expected.put("resource:default/fraud-scores-fact", "silver");
        expected.put("resource:default/revenue-daily", "silver");
        expected.put("resource:default/orders-enriched", "bronze");           // no data retention window
        expected.put("resource:default/orders-daily", "bronze");
        expected.put("resource:default/customer-dim", "bronze");
        expected.put("resource:default/order-anomalies", null);               // not in the catalog, no compaction
        // avro-schema
        expected.put("api:default/order-events-avro", "silver");
        expected.put("api:default/payment-events-avro", "silver");
        expected.put("api:default/customer-profile-avro", "silver");
        expected.put("api:default/enriched-order-avro", "bronze");            // no deprecation policy, no contract tests
        expected.put("api:default/fraud-score-avro", "bronze");               // no contract tests
        Map<String, EntityReadiness> all = outOfTheBox();
        Map<String, String> actual = new LinkedHashMap<>();
        expected.keySet().forEach(ref -> actual.put(ref, all.get(ref) == null ? "(no checklist)" : all.get(ref).level()));
        Map<String, List<String>> why = new TreeMap<>();
        all.forEach((ref, r) -> why.put(ref + " @" + r.level(), notMet(r)));
        assertEquals(expected, actual, () -> "not met: " + why);
        for (String level : java.util.Arrays.asList(null, "bronze", "silver")) {
            assertTrue(all.values().stream().filter(r -> java.util.Objects.equals(level, r.level())).count() >= 2,
                    "at least two entities at " + level);
        }
        assertTrue(all.values().stream().noneMatch(r -> "gold".equals(r.level())), "gold needs attestations");
        // ready means at the gate (bronze): the level and readiness agree
        all.forEach((ref, r) -> assertEquals(r.level() != null, r.ready(), ref));
    }

    @Test
    void exactlyOneProductionFlinkJobIsNotReadyAndItLacksAHeapAndGcBudget() {
        Map<String, EntityReadiness> all = outOfTheBox();
        List<String> notReady = catalog.entities().stream()
                .filter(e -> e.isKind("component") && "flink-job".equals(e.type()) && "production".equals(e.lifecycle()))
                .map(e -> e.ref().toString()).filter(ref -> !all.get(ref).ready()).toList();
        assertEquals(List.of("component:default/customer-profile-upsert"), notReady);
        EntityReadiness r = all.get("component:default/customer-profile-upsert");
        assertFalse(r.ready());
        assertNull(r.level());
        CheckResult heap = check(r, "streaming-job", "heap-and-gc-budget");
        assertEquals(CheckStatus.FAIL, heap.status());
        assertEquals("bronze", heap.level());
        // the only thing between it and the gate; its owner must act
        assertEquals(List.of(heap.id()), r.checklist("streaming-job").blocking().stream().map(CheckResult::id).toList());
        assertEquals(List.of("group:default/customer-analytics"),
                heap.mustAct().stream().map(p -> p.ref().toString()).toList());
        assertFalse(r.checklist("streaming-job").overdue(), "dueBy 2027-03-01 is still ahead");
    }

    @Test
    void theExperimentalJobIsAtBronzeBecauseItWritesATableTheCatalogDoesNotKnow() {
        Entity job = catalog.entity(EntityRef.parse("component:order-anomaly-detection"));
        assertNotNull(job);
        assertEquals("experimental", job.lifecycle());
        assertEquals("flink-job", job.type());
        EntityReadiness r = readiness("component:order-anomaly-detection", Evidence.NONE);
        assertEquals("bronze", r.level());
        assertEquals(CheckStatus.FAIL, check(r, "streaming-job", "catalog-consistency").status());
        EntityReadiness table = readiness("resource:order-anomalies", Evidence.NONE);
        assertNull(table.level());
        for (String id : List.of("table-registered", "partition-naming", "compaction-scheduled")) {
            assertEquals(CheckStatus.FAIL, check(table, "iceberg-table", id).status(), id);
        }
    }

    @Test
    void rulesReadTheManifestAndTheLineage() {
        // interval within timeout; storage is external
        assertEquals(CheckStatus.PASS, check(readiness("component:orders-enrichment", Evidence.NONE), "streaming-job",
                "checkpointing-declared").status());
        // orders-iceberg-sink keeps no checkpoint when cancelled
        assertEquals(CheckStatus.FAIL, check(readiness("component:orders-iceberg-sink", Evidence.NONE), "streaming-job",
                "restore-points-retained").status());
        // every schema upstream of fraud-scoring has a compatibility mode and an owner
        assertEquals(CheckStatus.PASS, check(readiness("component:fraud-scoring", Evidence.NONE), "streaming-job",
                "schema-alignment").status());
        // the payments sink writes lakehouse.payments and lakehouse.fraud_scores, both registered
        assertEquals(CheckStatus.PASS, check(readiness("component:payments-iceberg-sink", Evidence.NONE), "streaming-job",
                "catalog-consistency").status());
        EntityReadiness dim = readiness("resource:customer-dim", Evidence.NONE);
        assertEquals(CheckStatus.PASS, check(dim, "iceberg-table", "partition-naming").status());
        assertEquals(CheckStatus.PASS, check(dim, "iceberg-table", "metadata-cleanup-owner").status());
        assertEquals(CheckStatus.FAIL, check(dim, "iceberg-table", "metadata-retention").status());
        // a topic carries each schema and names the component that writes it
        assertEquals(CheckStatus.PASS, check(readiness("api:enriched-order-avro", Evidence.NONE), "avro-schema",
                "producers-declared").status());
        assertEquals(CheckStatus.FAIL, check(readiness("api:enriched-order-avro", Evidence.NONE), "avro-schema",
                "deprecation-policy").status());
    }

    @Test
    void everyResponsibilityTheChecksNameResolves() {
        // metadata-cleanup is Lakehouse's for commerce tables
        Resolution cleanup = Resolver.resolve(catalog, EntityRef.parse("resource:payments-fact"), "metadata-cleanup");
        assertEquals(Status.OK, cleanup.status(), cleanup.note());
        assertEquals(List.of("group:default/lakehouse"), cleanup.responsible().stream().map(p -> p.ref().toString()).toList());
        // waivers: the owner or Data Governance, for every kind of asset with a checklist
        for (String ref : List.of("component:customer-profile-upsert", "resource:order-anomalies", "api:fraud-score-avro")) {
            Resolution waiver = Resolver.resolve(catalog, EntityRef.parse(ref), "readiness-waiver");
            assertEquals(Status.OK, waiver.status(), ref + ": " + waiver.note());
            List<String> approvers = waiver.approvers().stream().map(p -> p.ref().toString()).toList();
            assertTrue(approvers.contains(catalog.entity(EntityRef.parse(ref)).owner().toString()), ref + " " + approvers);
            assertTrue(approvers.contains("group:default/data-governance"), ref + " " + approvers);
            assertTrue(waiver.runbook() != null && catalog.runbooks().exists(waiver.runbook()), ref);
        }
        // every attest party has somebody eligible, for every entity it applies to
        outOfTheBox().forEach((ref, r) -> r.checklists().forEach(c -> c.checks().stream()
                .filter(x -> x.kind().equals("attest"))
                .forEach(x -> assertTrue(x.by().stream().anyMatch(p -> !p.members().isEmpty()), ref + " " + x.id()))));
    }

    /** Attestations by the right people take a silver entity to gold; a waiver lifts the not-ready job to the gate. */
    @Test
    void goldIsReachedByAttestingAndTheGateByAWaiver() {
        List<Attestation> attestations = new ArrayList<>();
        long id = 1;
        List<String> silver = List.of("component:orders-enrichment", "resource:payments-fact", "api:order-events-avro");
        for (String ref : silver) {
            Entity entity = catalog.entity(EntityRef.parse(ref));
            for (ReadinessChecklist checklist : dev.steward.readiness.Checklists.applicable(catalog, entity)) {
                for (ReadinessChecklist.Check check : checklist.checks()) {
                    if (check.attest() == null) continue;
                    List<Party> by = AttestParties.by(catalog, entity, checklist, check);
                    EntityRef actor = by.stream().flatMap(p -> p.members().stream()).findFirst().orElseThrow();
                    assertTrue(AttestParties.eligible(by, actor));
                    Map<String, Object> values = new HashMap<>();
                    for (String path : check.attest().voidOn()) values.put(path, Values.at(entity.document(), path));
                    attestations.add(new Attestation(id++, entity.ref(), checklist.name(), check.id(), actor,
                            "https://ci.acme.example/evidence/" + id, null, NOW.minusSeconds(86_400), catalog.commit(),
                            values));
                }
            }
        }
        Evidence attested = Evidence.of(1, attestations, List.of());
        for (String ref : silver) {
            EntityReadiness r = readiness(ref, attested);
            assertEquals("gold", r.level(), () -> ref + ": " + notMet(r));
        }
        // a restore test from 40 days ago has expired (valid 30 days)
        Attestation old = attestations.stream().filter(a -> a.check().equals("restore-from-savepoint")).findFirst()
                .orElseThrow();
        Attestation stale = new Attestation(old.id(), old.entity(), old.checklist(), old.check(), old.actor(),
                old.evidence(), null, NOW.minusSeconds(40L * 86_400), old.commit(), old.values());
        List<Attestation> withStale = new ArrayList<>(attestations);
        withStale.replaceAll(a -> a.id() == old.id() ? stale : a);
        EntityReadiness expired = readiness("component:orders-enrichment", Evidence.of(2, withStale, List.of()));
        assertEquals(CheckStatus.EXPIRED, check(expired, "streaming-job", "restore-from-savepoint").status());
        assertEquals("silver", expired.level());

        Entity upsert = catalog.entity(EntityRef.parse("component:customer-profile-upsert"));
        Waiver waiver = new Waiver(1, upsert.ref(), "streaming-job", "heap-and-gc-budget",
                EntityRef.parse("user:olivia.brown"), "memory budget being sized after the 1.20 upgrade",
                LocalDate.parse("2027-01-31"), NOW);
        EntityReadiness waived = readiness("component:customer-profile-upsert", Evidence.of(3, List.of(), List.of(waiver)));
        assertEquals(CheckStatus.WAIVED, check(waived, "streaming-job", "heap-and-gc-budget").status());
        assertTrue(waived.ready());
        assertEquals("silver", waived.level());
    }
}

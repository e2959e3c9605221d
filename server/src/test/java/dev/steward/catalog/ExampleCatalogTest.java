package dev.steward.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.yaml.YamlLimits;
import dev.steward.git.WorktreeSource;
import dev.steward.resolve.Party;
import dev.steward.resolve.Resolution;
import dev.steward.resolve.Resolver;
import dev.steward.resolve.Status;
import dev.steward.testing.ProjectPaths;
import java.util.List;
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
}

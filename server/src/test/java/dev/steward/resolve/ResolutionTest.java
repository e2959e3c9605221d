package dev.steward.resolve;

import static dev.steward.testing.Yaml.api;
import static dev.steward.testing.Yaml.component;
import static dev.steward.testing.Yaml.domain;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.system;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.EntityRef;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One case per rule of PRODUCT.md's "Resolution" section, each on a real Git repository: a small
 * streaming platform (a table in a system in a subdomain), plus the policies under test.
 */
class ResolutionTest {
    private static final String ORG = group("org", "children: [platform, data]")
            + group("platform", "parent: org\nchildren: [lakehouse]\nmembers: [alice]")
            + group("lakehouse", "parent: platform\nmembers: [carol]")
            + group("data", "parent: org")
            + group("analytics", "members: [erin]")
            + group("governance", "members: [gina, hank]")
            + user("alice", "platform") + user("bob", "lakehouse") + user("carol") + user("dave", "data")
            + user("erin") + user("gina") + user("hank");
    private static final String ASSETS = domain("commerce", "owner: data")
            + domain("payments", "owner: data\nsubdomainOf: commerce")
            + system("payments-pipeline", "owner: data\ndomain: payments")
            + api("orders-v1", "type: avro\nowner: data\nsystem: payments-pipeline")
            + component("orders-sink", "type: flink-job\nowner: data\nsystem: payments-pipeline\n"
                    + "consumesApis: [orders-v1]")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse\nsystem: payments-pipeline\n"
                    + "dependsOn: [component:orders-sink]")
            + resource("orders-daily", "type: iceberg-table\nowner: analytics\ndependsOn: [resource:orders-fact]")
            + resource("scratch", "type: iceberg-table\nowner: lakehouse");
    private static final String RESPONSIBILITIES =
            responsibility("partition-evolution", "type: change\nappliesTo: [resource:iceberg-table]\n"
                    + "detect: [spec.partitioning]\nrunbook: iceberg/partition-evolution.md")
            + responsibility("checkpoint-health", "type: duty\nappliesTo: [component:flink-job]")
            + responsibility("schema-change", "type: change\nappliesTo: [api:avro]");

    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
        repo.manifest("org.yaml", ORG).manifest("assets.yaml", ASSETS)
                .manifest("responsibilities.yaml", RESPONSIBILITIES)
                .runbook("iceberg/partition-evolution.md", "# Partition evolution\n")
                .runbook("iceberg/payments.md", "# Payments tables\n")
                .runbook("iceberg/orders-fact.md", "# orders-fact\n");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Catalog load(String policies) {
        Catalog catalog = repo.manifest("policies.yaml", policies).commitAndLoad();
        assertTrue(catalog.isValid(), () -> "fixture must validate: " + catalog.errors());
        return catalog;
    }

    private static Resolution who(Catalog catalog, String entity, String responsibility) {
        return Resolver.resolve(catalog, EntityRef.parse(entity), responsibility);
    }

    private static List<String> refs(List<Party> parties) {
        return parties.stream().map(p -> p.ref().toString()).toList();
    }

    private static Party party(List<Party> parties, String ref) {
        return parties.stream().filter(p -> p.ref().toString().equals(ref)).findFirst()
                .orElseThrow(() -> new AssertionError(ref + " not in " + refs(parties)));
    }

    @Test
    void entityScopeRuleApplies() {
        Catalog c = load(policy("orders-fact-only", "scope: resource:orders-fact\nrules:\n"
                + "  - for: [partition-evolution]\n    approvers: [group:governance]"));
        Resolution r = who(c, "resource:default/orders-fact", "partition-evolution");
        assertEquals(Status.OK, r.status());
        assertEquals(List.of("group:default/governance"), refs(r.approvers()));
        Via via = r.approvers().get(0).via().get(0);
        assertEquals("ownershippolicy:default/orders-fact-only", via.policy().toString());
        assertEquals("resource:default/orders-fact", via.scope());
        assertEquals(0, via.rule());
        assertTrue(via.location().startsWith("catalog-yaml/policies.yaml:"), via.location());
        assertEquals(Status.UNOWNED, who(c, "resource:default/orders-daily", "partition-evolution").status());
    }

    @Test
    void systemScopeRuleAppliesToEntitiesOfTheSystem() {
        Catalog c = load(policy("payments", "scope: system:payments-pipeline\nrules:\n"
                + "  - for: [partition-evolution]\n    approvers: [group:governance]"));
        assertEquals(List.of("group:default/governance"),
                refs(who(c, "resource:orders-fact", "partition-evolution").approvers()));
        assertEquals(List.of(), refs(who(c, "resource:scratch", "partition-evolution").approvers()));
    }

    @Test
    void domainScopeRuleAppliesThroughTheSystemsDomain() {
        Catalog c = load(policy("payments-domain", "scope: domain:payments\nrules:\n"
                + "  - for: [partition-evolution]\n    approvers: [group:governance]"));
        Resolution r = who(c, "resource:orders-fact", "partition-evolution");
        assertEquals(List.of("group:default/governance"), refs(r.approvers()));
        assertEquals("domain:default/payments", r.approvers().get(0).via().get(0).scope());
    }

    @Test
    void parentDomainScopeRuleApplies() {
        Catalog c = load(policy("commerce", "scope: domain:commerce\nrules:\n"
                + "  - for: [partition-evolution]\n    approvers: [group:analytics]"));
        Resolution r = who(c, "resource:orders-fact", "partition-evolution");
        assertEquals(List.of("group:default/analytics"), refs(r.approvers()));
        assertEquals("domain:default/commerce", r.approvers().get(0).via().get(0).scope());
        assertEquals(List.of("resource:default/orders-fact", "system:default/payments-pipeline",
                "domain:default/payments", "domain:default/commerce"),
                c.scopeChain(c.entity(EntityRef.parse("resource:orders-fact"))).stream().map(Object::toString).toList());
    }

    @Test
    void globalRuleAppliesToEveryEntity() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [partition-evolution]\n    approvers: [group:governance]"));
        for (String table : List.of("resource:orders-fact", "resource:orders-daily", "resource:scratch")) {
            Resolution r = who(c, table, "partition-evolution");
            assertEquals(List.of("group:default/governance"), refs(r.approvers()), table);
            assertEquals("global", r.approvers().get(0).via().get(0).scope());
        }
    }

    @Test
    void partiesFromEveryLevelAreCollectedMostSpecificFirst() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [partition-evolution]\n    approvers: [group:org]")
                + policy("commerce", "scope: domain:commerce\nrules:\n  - for: [partition-evolution]\n"
                + "    approvers: [group:data]")
                + policy("payments", "scope: system:payments-pipeline\nrules:\n  - for: [partition-evolution]\n"
                + "    approvers: [group:analytics]")
                + policy("fact", "scope: resource:orders-fact\nrules:\n  - for: [partition-evolution]\n"
                + "    approvers: [group:governance]"));
        assertEquals(List.of("group:default/governance", "group:default/analytics", "group:default/data",
                "group:default/org"), refs(who(c, "resource:orders-fact", "partition-evolution").approvers()));
    }

    @Test
    void inheritFalseStopsAtSystemScope() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [partition-evolution]\n    approvers: [group:org]\n"
                + "    informed: [group:data]")
                + policy("payments", "scope: system:payments-pipeline\nrules:\n  - for: [partition-evolution]\n"
                + "    approvers: [group:analytics]\n    inherit: false")
                + policy("payments-also", "scope: system:payments-pipeline\nrules:\n  - for: [partition-evolution]\n"
                + "    consulted: [group:governance]")
                + policy("fact", "scope: resource:orders-fact\nrules:\n  - for: [partition-evolution]\n"
                + "    approvers: [owner]"));
        Resolution r = who(c, "resource:orders-fact", "partition-evolution");
        assertEquals(List.of("group:default/lakehouse", "group:default/analytics"), refs(r.approvers()));
        assertEquals(List.of("group:default/governance"), refs(r.consulted()), "same level still counts");
        assertEquals(List.of(), refs(r.informed()), "global is cut off");
        // An entity outside the system still gets the global rule.
        assertEquals(List.of("group:default/org"), refs(who(c, "resource:scratch", "partition-evolution").approvers()));
    }

    @Test
    void inheritFalseOnANonMatchingRuleDoesNotStop() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [partition-evolution]\n    approvers: [group:org]")
                + policy("payments-apis", "scope: system:payments-pipeline\nmatch: {kinds: [api]}\nrules:\n"
                + "  - for: [\"*\"]\n    approvers: [group:analytics]\n    inherit: false"));
        assertEquals(List.of("group:default/org"),
                refs(who(c, "resource:orders-fact", "partition-evolution").approvers()));
    }

    @Test
    void matchFiltersByKindTypeAndTag() {
        repo.manifest("tagged.yaml", resource("tagged-topic", "type: kafka-topic\nowner: data\n"
                + "system: payments-pipeline").replace("  name: tagged-topic", "  name: tagged-topic\n  tags: [pii]"));
        Catalog c = load(policy("by-kind", "scope: system:payments-pipeline\nmatch: {kinds: [Resource]}\nrules:\n"
                + "  - for: [\"*\"]\n    approvers: [group:analytics]")
                + policy("by-type", "scope: system:payments-pipeline\nmatch: {types: [Iceberg-Table]}\nrules:\n"
                + "  - for: [\"*\"]\n    approvers: [group:governance]")
                + policy("by-tag", "scope: system:payments-pipeline\nmatch: {tags: [pii]}\nrules:\n"
                + "  - for: [\"*\"]\n    approvers: [group:org]"));
        assertEquals(List.of("group:default/analytics", "group:default/governance"),
                refs(who(c, "resource:orders-fact", "metadata-change").approvers()));
        assertEquals(List.of("group:default/analytics", "group:default/org"),
                refs(who(c, "resource:tagged-topic", "metadata-change").approvers()));
        assertEquals(List.of(), refs(who(c, "component:orders-sink", "metadata-change").approvers()));
    }

    @Test
    void starRuleCoversEveryResponsibilityAndNamedRulesComeFirst() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [owner]\n    responsible: [owner]\n"
                + "  - for: [checkpoint-health]\n    responsible: [group:platform]"));
        assertEquals(List.of("group:default/lakehouse"),
                refs(who(c, "resource:orders-fact", "partition-evolution").approvers()));
        assertEquals(List.of("group:default/lakehouse"), refs(who(c, "resource:orders-fact", "create").approvers()));
        assertEquals(List.of("group:default/platform", "group:default/data"),
                refs(who(c, "component:orders-sink", "checkpoint-health").responsible()));
    }

    @Test
    void sameRefMergesMinTakesLargestAndViaListsEveryRule() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [partition-evolution]\n"
                + "    approvers: [{ref: group:governance, min: 2}]")
                + policy("fact", "scope: resource:orders-fact\nrules:\n  - for: [\"*\"]\n"
                + "    approvers: [governance, owner]\n  - for: [partition-evolution]\n    approvers: [group:lakehouse]"));
        Resolution r = who(c, "resource:orders-fact", "partition-evolution");
        assertEquals(List.of("group:default/lakehouse", "group:default/governance"), refs(r.approvers()));
        Party governance = party(r.approvers(), "group:default/governance");
        assertEquals(2, governance.min());
        assertEquals(List.of("resource:default/orders-fact", "global"), governance.via().stream().map(Via::scope).toList());
        Party lakehouse = party(r.approvers(), "group:default/lakehouse");
        assertEquals(1, lakehouse.min());
        assertEquals(2, lakehouse.via().size(), "asked by the owner token of rule 0 and by rule 1");
        assertEquals(List.of(1, 0), lakehouse.via().stream().map(Via::rule).toList());
    }

    @Test
    void ownerTokenResolvesToTheEntitysOwner() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [owner]"));
        Resolution r = who(c, "resource:orders-daily", "partition-evolution");
        assertEquals(List.of("group:default/analytics"), refs(r.approvers()));
        assertEquals("owner", r.approvers().get(0).via().get(0).token());
        assertEquals("group:default/analytics", r.owner().ref().toString());
    }

    @Test
    void consumersTokenResolvesToOwnersOfTransitiveConsumers() {
        Catalog c = load(policy("schemas", "rules:\n  - for: [schema-change]\n    approvers: [owner, consumers]"));
        Resolution r = who(c, "api:orders-v1", "schema-change");
        // orders-sink (data) consumes the API; orders-fact (lakehouse) depends on the sink;
        // orders-daily (analytics) depends on orders-fact.
        assertEquals(List.of("group:default/data", "group:default/lakehouse", "group:default/analytics"),
                refs(r.approvers()));
        Party analytics = party(r.approvers(), "group:default/analytics");
        assertEquals("consumers", analytics.via().get(0).token());
        assertEquals(List.of(EntityRef.parse("resource:orders-daily")), analytics.via().get(0).entities());
        Party data = party(r.approvers(), "group:default/data");
        assertEquals(List.of("owner", "consumers"), data.via().stream().map(Via::token).toList());
    }

    @Test
    void producersTokenResolvesToOwnersOfTransitiveProducers() {
        Catalog c = load(policy("upstream", "rules:\n  - for: [partition-evolution]\n    consulted: [producers]"));
        Resolution r = who(c, "resource:orders-daily", "partition-evolution");
        assertEquals(List.of("group:default/lakehouse", "group:default/data"), refs(r.consulted()));
        assertEquals(List.of(EntityRef.parse("component:orders-sink"), EntityRef.parse("api:orders-v1")),
                party(r.consulted(), "group:default/data").via().get(0).entities());
    }

    @Test
    void groupMembersIncludeChildGroupsTransitivelyAndMemberOf() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [group:org, lakehouse, user:erin]"));
        Resolution r = who(c, "resource:orders-fact", "partition-evolution");
        // org ← platform (alice via members) ← lakehouse (carol via members, bob via memberOf); data (dave).
        assertEquals(List.of("user:default/alice", "user:default/bob", "user:default/carol", "user:default/dave"),
                party(r.approvers(), "group:default/org").members().stream().map(Object::toString).toList());
        assertEquals(List.of("user:default/bob", "user:default/carol"),
                party(r.approvers(), "group:default/lakehouse").members().stream().map(Object::toString).toList());
        assertEquals(List.of("user:default/erin"),
                party(r.approvers(), "user:default/erin").members().stream().map(Object::toString).toList());
    }

    @Test
    void runbookComesFromTheMostSpecificRuleElseTheResponsibility() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [partition-evolution]\n    approvers: [owner]\n"
                + "    runbook: iceberg/payments.md")
                + policy("payments", "scope: system:payments-pipeline\nrules:\n  - for: [\"*\"]\n"
                + "    approvers: [owner]\n    runbook: iceberg/payments.md\n  - for: [partition-evolution]\n"
                + "    approvers: [owner]\n    runbook: ./iceberg/orders-fact.md"));
        Resolution fact = who(c, "resource:orders-fact", "partition-evolution");
        assertEquals("iceberg/orders-fact.md", fact.runbook(), "the named rule wins over * at the same level");
        assertEquals("system:default/payments-pipeline", fact.runbookVia().scope());
        assertEquals(1, fact.runbookVia().rule());
        assertEquals("iceberg/payments.md", who(c, "resource:scratch", "partition-evolution").runbook(),
                "global rule when no more specific one has a runbook");
        Catalog plain = load(policy("defaults", "rules:\n  - for: [partition-evolution]\n    approvers: [owner]"));
        Resolution fromResponsibility = who(plain, "resource:scratch", "partition-evolution");
        assertEquals("iceberg/partition-evolution.md", fromResponsibility.runbook());
        assertNull(fromResponsibility.runbookVia());
    }

    @Test
    void changeWithoutApproversIsUnownedAndSaysSoPlainly() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [partition-evolution]\n    informed: [group:data]"));
        Resolution r = who(c, "resource:orders-fact", "partition-evolution");
        assertEquals(Status.UNOWNED, r.status());
        assertTrue(r.note().contains("no approvers"), r.note());
        assertTrue(r.note().contains("system:default/payments-pipeline"), r.note());
        assertEquals(List.of("group:default/data"), refs(r.informed()));
    }

    @Test
    void dutyWithoutResponsiblePartyIsUnownedEvenWithApprovers() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [checkpoint-health]\n    approvers: [owner]"));
        Resolution r = who(c, "component:orders-sink", "checkpoint-health");
        assertEquals(Status.UNOWNED, r.status());
        assertEquals("duty", r.type());
        assertTrue(r.note().contains("no responsible party"), r.note());
    }

    @Test
    void responsibilityOutsideAppliesToIsNotApplicable() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [owner]\n    responsible: [owner]"));
        Resolution r = who(c, "component:orders-sink", "partition-evolution");
        assertEquals(Status.NOT_APPLICABLE, r.status());
        assertEquals(List.of(), r.approvers());
        assertTrue(r.note().contains("resource:iceberg-table"), r.note());
        assertEquals(Status.NOT_APPLICABLE, who(c, "resource:orders-fact", "checkpoint-health").status());
        assertEquals(Status.OK, who(c, "component:orders-sink", "checkpoint-health").status());
    }

    @Test
    void shorthandAndCaseInsensitiveRefs() {
        Catalog c = load(policy("Mixed-Case", "scope: System:Default/Payments-Pipeline\nrules:\n"
                + "  - for: [Partition-Evolution]\n    approvers: [Governance, User:Default/Gina, default/analytics]"));
        Resolution r = who(c, "Resource:ORDERS-FACT", "PARTITION-EVOLUTION");
        assertEquals("resource:default/orders-fact", r.entity().toString());
        assertEquals("partition-evolution", r.responsibility());
        assertEquals(List.of("group:default/governance", "user:default/gina", "group:default/analytics"),
                refs(r.approvers()));
        assertEquals("system:default/payments-pipeline", r.approvers().get(0).via().get(0).scope());
    }

    @Test
    void systemAndDomainScopeChainsStartAtThemselves() {
        Catalog c = load(policy("sys", "scope: system:payments-pipeline\nrules:\n  - for: [\"*\"]\n"
                + "    approvers: [group:analytics]")
                + policy("parent", "scope: domain:commerce\nrules:\n  - for: [\"*\"]\n    approvers: [group:governance]"));
        assertEquals(List.of("group:default/analytics", "group:default/governance"),
                refs(who(c, "system:payments-pipeline", "delete").approvers()));
        assertEquals(List.of("group:default/governance"), refs(who(c, "domain:payments", "delete").approvers()));
    }

    @Test
    void unknownEntityOrResponsibilityIsNotFound() {
        Catalog c = load(policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [owner]"));
        assertThrows(NotFoundException.class, () -> who(c, "resource:nope", "partition-evolution"));
        NotFoundException e = assertThrows(NotFoundException.class, () -> who(c, "resource:orders-fact", "nope"));
        assertTrue(e.getMessage().contains("partition-evolution"), "lists the known ones: " + e.getMessage());
    }
}

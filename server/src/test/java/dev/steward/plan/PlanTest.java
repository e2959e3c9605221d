package dev.steward.plan;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.system;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.SyncSettings;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans on real repositories: a main branch, a feature branch that changes it, and the plan between. */
class PlanTest {
    private static final String ORG = group("platform", "children: [lakehouse]\nmembers: [alice]")
            + group("lakehouse", "parent: platform\nmembers: [bob, carol]")
            + group("analytics", "members: [erin]") + group("governance", "members: [gina, hank]")
            + user("alice") + user("bob") + user("carol") + user("erin") + user("gina") + user("hank");
    private static final String TABLE = """
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata:
              name: orders-fact
              description: Order facts
            spec:
              type: iceberg-table
              owner: lakehouse
              system: orders
              partitioning: ["days(order_ts)"]
              sortOrder: [customer_id]
              properties:
                write.target-file-size-bytes: 536870912
                compression: zstd
            """;
    private static final String RULES = responsibility("partition-evolution", "type: change\n"
            + "appliesTo: [resource:iceberg-table]\ndetect: [spec.partitioning]\nrunbook: pe.md")
            + responsibility("table-layout", "type: change\nappliesTo: [resource:iceberg-table]\n"
            + "detect: [spec.sortOrder, spec.properties.compression, spec.checkpointing.interval]")
            + policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [owner]")
            + policy("orders-tables", "scope: system:orders\nrules:\n  - for: [partition-evolution]\n"
            + "    approvers: [{ref: group:governance, min: 2}]");

    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
        repo.manifest("org.yaml", ORG)
                .manifest("assets.yaml", system("orders", "owner: platform")
                        + resource("orders-daily", "type: iceberg-table\nowner: analytics\n"
                        + "dependsOn: [resource:orders-fact]") + TABLE)
                .manifest("rules.yaml", RULES).runbook("pe.md", "# pe").commit("main");
        repo.branch("feature");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Cli.Run cli(String... args) {
        return Cli.inRepo("plan", repo.root(), args);
    }

    private Plan plan(String approvedBy) {
        try (var git = repo.open()) {
            CommitCatalogs commits = new CommitCatalogs(git, new SyncSettings("main", "catalog-yaml", "runbooks",
                    Duration.ZERO, 1 << 20, 0), new ManifestLoader(), null);
            var base = commits.at(commits.resolve("main"), null);
            var head = commits.at(commits.resolve("feature"), base);
            return Planner.plan(base, head, Approvals.parse(approvedBy));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void editTable(String from, String to) {
        String assets = system("orders", "owner: platform") + resource("orders-daily", "type: iceberg-table\n"
                + "owner: analytics\ndependsOn: [resource:orders-fact]") + TABLE;
        assertTrue(assets.contains(from), from);
        repo.manifest("assets.yaml", assets.replace(from, to)).commit("edit");
    }

    private static List<String> kinds(Plan plan) {
        return plan.changes().stream().map(c -> c.responsibility() + " " + c.entity() + " " + c.paths()).toList();
    }

    @Test
    void aListEditUnderADetectPathIsThatResponsibility() {
        editTable("[\"days(order_ts)\"]", "[\"days(order_ts)\", \"bucket(16, customer_id)\"]");
        Plan plan = plan(null);
        assertEquals(List.of("partition-evolution resource:default/orders-fact [spec.partitioning]"), kinds(plan));
        Plan.Change change = plan.changes().get(0);
        assertEquals("pe.md", change.runbook());
        assertEquals(List.of("group:default/governance", "group:default/lakehouse"),
                change.approvers().stream().map(a -> a.ref().toString()).toList());
        assertEquals(2, change.approvers().get(0).min());
        assertEquals(List.of("resource:default/orders-daily"),
                change.impacted().stream().map(i -> i.entity().toString()).toList());
        assertEquals("group:default/analytics", change.impacted().get(0).owner().toString());
    }

    @Test
    void aMapEditDeepUnderADetectPathCountsAndOtherFieldsAreMetadataChange() {
        editTable("compression: zstd", "compression: snappy");
        assertEquals(List.of("table-layout resource:default/orders-fact [spec.properties.compression]"),
                kinds(plan(null)));
        setUp2();
        editTable("write.target-file-size-bytes: 536870912", "write.target-file-size-bytes: 268435456");
        assertEquals(List.of("metadata-change resource:default/orders-fact [spec.properties.write.target-file-size-bytes]"),
                kinds(plan(null)));
    }

    private void setUp2() {
        repo.checkout("main");
        try {
            repo.git().branchDelete().setBranchNames("feature").setForce(true).call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        repo.branch("feature");
    }

    @Test
    void aDetectPathBelowAnAddedMapIsDetected() {
        editTable("compression: zstd", "compression: zstd\n  checkpointing:\n    interval: 60s\n    mode: EXACTLY_ONCE");
        assertEquals(List.of("table-layout resource:default/orders-fact [spec.checkpointing.interval]",
                "metadata-change resource:default/orders-fact [spec.checkpointing.mode]"), kinds(plan(null)));
    }

    @Test
    void oneEditCanCarrySeveralResponsibilitiesAndAMetadataChange() {
        editTable("""
                  description: Order facts
                spec:
                  type: iceberg-table
                  owner: lakehouse
                  system: orders
                  partitioning: ["days(order_ts)"]
                  sortOrder: [customer_id]""", """
                  description: Order facts, one row per event
                spec:
                  type: iceberg-table
                  owner: lakehouse
                  system: orders
                  partitioning: ["hours(order_ts)"]
                  sortOrder: [customer_id, order_ts]""");
        assertEquals(List.of("partition-evolution resource:default/orders-fact [spec.partitioning]",
                "table-layout resource:default/orders-fact [spec.sortOrder]",
                "metadata-change resource:default/orders-fact [metadata.description]"), kinds(plan(null)));
    }

    @Test
    void anOwnershipTransferNeedsTheOldAndTheNewOwner() {
        editTable("owner: lakehouse", "owner: analytics");
        Plan plan = plan("user:bob");
        assertEquals(List.of("ownership-transfer resource:default/orders-fact [spec.owner]"), kinds(plan));
        Plan.Change change = plan.changes().get(0);
        assertEquals(List.of("group:default/lakehouse", "group:default/analytics"),
                change.approvers().stream().map(a -> a.ref().toString()).toList());
        assertEquals(List.of("owner", "previous-owner"),
                change.approvers().get(0).via().stream().map(v -> v.token()).toList(), "the rule and the transfer");
        assertEquals("new-owner", change.approvers().get(1).via().get(0).token());
        assertTrue(change.approvers().get(0).satisfied());
        assertFalse(change.approvers().get(1).satisfied());
        assertFalse(plan.satisfied());
        assertTrue(plan("user:bob,user:erin").satisfied());
    }

    @Test
    void aPullRequestThatDropsItsOwnApproversStillNeedsTheBaseRules() {
        repo.manifest("rules.yaml", RULES.replace("approvers: [{ref: group:governance, min: 2}]",
                "approvers: [owner]"));
        editTable("[\"days(order_ts)\"]", "[\"hours(order_ts)\"]");
        Plan plan = plan("user:bob");
        Plan.Change partition = plan.changes().stream()
                .filter(c -> c.responsibility().equals("partition-evolution")).findFirst().orElseThrow();
        assertEquals("group:default/governance", partition.approvers().get(0).ref().toString(),
                "the base rule still applies");
        assertFalse(partition.satisfied());
        Plan.Change policy = plan.changes().stream()
                .filter(c -> c.responsibility().equals("policy-change")).findFirst().orElseThrow();
        assertEquals("ownershippolicy:default/orders-tables", policy.entity().toString());
        assertEquals("system:default/orders", policy.scope());
        assertEquals(List.of("group:default/platform"), policy.approvers().stream().map(a -> a.ref().toString()).toList(),
                "the scope's owner, by the base's default rule");
        assertTrue(plan("user:bob,user:gina,user:hank,user:alice").satisfied());
    }

    @Test
    void addedAndRemovedEntitiesAreCreateAndDelete() {
        repo.manifest("assets.yaml", system("orders", "owner: platform") + TABLE
                        + resource("orders-hourly", "type: iceberg-table\nowner: analytics\nsystem: orders"))
                .commit("swap a table");
        Plan plan = plan(null);
        assertEquals(List.of("delete resource:default/orders-daily []", "create resource:default/orders-hourly []"),
                kinds(plan));
        assertEquals("removed", plan.changes().get(0).change());
        assertEquals("added", plan.changes().get(1).change());
        assertEquals("group:default/analytics", plan.changes().get(1).approvers().get(0).ref().toString(),
                "the new entity's owner, through the base's rule for its scope");
    }

    @Test
    void aHeadThatDoesNotValidateHasErrorsAndExitsOne() {
        repo.manifest("broken.yaml", "kind: [").commit("broken");
        Plan plan = plan(null);
        assertFalse(plan.satisfied());
        assertEquals("catalog-yaml/broken.yaml", plan.errors().get(0).path());
        Cli.Run run = cli("--base", "main", "--head", "feature", "--format", "github");
        assertEquals(1, run.code());
        assertTrue(run.out().startsWith("::error file=catalog-yaml/broken.yaml,line=1,title=steward plan::YAML syntax error"),
                run.out());
    }

    @Test
    void anApprovalByAMemberOfAChildGroupCounts() {
        // The base rule names the parent group; the approval comes from a member of its child group.
        repo.checkout("main");
        repo.manifest("rules.yaml", RULES.replace("approvers: [{ref: group:governance, min: 2}]",
                "approvers: [group:platform]")).commit("platform approves");
        setUp2();
        editTable("[\"days(order_ts)\"]", "[\"hours(order_ts)\"]");
        Plan plan = plan("user:carol");
        Plan.Approver platform = plan.changes().get(0).approvers().stream()
                .filter(a -> a.ref().name().equals("platform")).findFirst().orElseThrow();
        assertEquals(List.of("user:default/carol"), platform.approvedBy().stream().map(Object::toString).toList(),
                "carol is in lakehouse, a child group of platform");
        assertTrue(plan.satisfied());
    }

    @Test
    void exitCodesFollowTheApprovals() {
        assertEquals(0, cli("--base", "main", "--head", "feature").code(), "nothing changed, nothing needed");
        editTable("description: Order facts", "description: Order facts (v2)");
        Cli.Run missing = cli("--base", "main", "--head", "feature");
        assertEquals(1, missing.code());
        assertTrue(missing.out().contains("MISSING metadata-change on resource:default/orders-fact"), missing.out());
        assertEquals(0, cli("--base", "main", "--head", "feature", "--approved-by", "user:bob").code());
        assertEquals(1, cli("--base", "main", "--head", "feature", "--approved-by", "erin").code());
        Cli.Run unknownRef = cli("--base", "main", "--head", "no-such-branch");
        assertEquals(2, unknownRef.code());
        assertTrue(unknownRef.err().contains("no-such-branch"), unknownRef.err());
        assertEquals(2, cli("--base", "main", "--approved-by", "group:lakehouse").code());
        assertEquals(2, cli("--base", "main", "--format", "yaml").code());
    }

    @Test
    void markdownIsOneTableWithWhoIsStillMissing() {
        editTable("[\"days(order_ts)\"]", "[\"hours(order_ts)\"]");
        Cli.Run run = cli("--base", "main", "--head", "feature", "--format", "markdown", "--approved-by", "user:gina");
        assertEquals(1, run.code());
        String md = run.out();
        assertTrue(md.startsWith("### Steward sign-off plan: ⏳ 2 approval(s) missing"), md);
        assertTrue(md.contains("| ❌ | `resource:orders-fact` | partition-evolution <sub>spec.partitioning</sub> | "
                + "`group:governance` (1 of 2), `group:lakehouse` | @gina | `pe.md` |"), md);
        assertEquals(1, md.lines().filter(l -> l.startsWith("|---")).count(), "one table");
    }

    @Test
    void theApiAnswersTheSameJsonAsTheCli() throws Exception {
        editTable("[\"days(order_ts)\"]", "[\"hours(order_ts)\"]");
        Cli.Run run = cli("--base", "main", "--head", "feature", "--json", "--approved-by", "user:gina,user:hank");
        ObjectMapper mapper = new ObjectMapper();
        var fromCli = mapper.readTree(run.out());
        try (var git = repo.open()) {
            LiveCatalog live = new LiveCatalog(repo.load("main"), SyncStatus.starting("t", "main", 0));
            CommitCatalogs commits = new CommitCatalogs(git, new SyncSettings("main", "catalog-yaml", "runbooks",
                    Duration.ZERO, 1 << 20, 0), new ManifestLoader(), live);
            JavalinTest.test(StewardApp.create(AppContext.builder(live).commits(commits).build()), (server, client) -> {
                var response = client.get("/api/plan?base=main&head=feature&approvedBy=user:gina,user:hank");
                assertEquals(200, response.code());
                assertEquals(fromCli, mapper.readTree(response.body().string()));
                assertEquals(400, client.get("/api/plan?head=feature").code());
                assertEquals(404, client.get("/api/plan?base=main&head=nope").code());
                assertEquals(400, client.get("/api/plan?base=main&approvedBy=group:x").code());
            });
        }
        List<String> fields = new java.util.ArrayList<>();
        fromCli.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("base", "head", "satisfied", "errors", "changes"), fields);
        assertEquals(Set.of("entity", "change", "responsibility", "paths", "scope", "status", "note", "approvers",
                "runbook", "impacted", "blockers", "satisfied", "location").containsAll(
                iterable(fromCli.get("changes").get(0).fieldNames())), true);
    }

    private static Set<String> iterable(java.util.Iterator<String> it) {
        Set<String> out = new java.util.HashSet<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

package dev.steward.plan;

import static dev.steward.testing.Yaml.checklist;
import static dev.steward.testing.Yaml.doc;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.EntityRef;
import dev.steward.readiness.ReadinessBlocker;
import dev.steward.readiness.ReadinessGate;
import dev.steward.readiness.Voids;
import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans gate production on readiness, on real Git branches: a new production job that fails a bronze
 * rule is blocked, naming the check and who must act; fixing the rule in the branch clears it; an
 * experimental job is not gated; past a checklist's dueBy, a job already in production that is not
 * ready blocks its other changes.
 */
class ReadinessPlanTest {
    private static final Clock BEFORE_DUE = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    private static final Clock AFTER_DUE = Clock.fixed(Instant.parse("2027-04-02T12:00:00Z"), ZoneOffset.UTC);
    private static final String BASE = group("streaming", "members: [ana]") + user("ana")
            + responsibility("incident-rca", "type: duty")
            + policy("global", "rules:\n  - for: [\"*\"]\n    approvers: [owner]\n    responsible: [owner]")
            + checklist("streaming-job", """
                    appliesTo: [component:flink-job]
                    levels: [bronze, silver]
                    gate: bronze
                    dueBy: 2027-03-01
                    checks:
                      - id: checkpointing-declared
                        title: Checkpoint interval and storage are declared
                        level: bronze
                        rule: has(entity.spec.checkpointing) && has(entity.spec.checkpointing.storage)
                        runbook: flink/checkpointing.md
                      - id: restore-tested
                        level: silver
                        attest: {by: owner}
                    """);

    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
        repo.runbook("flink/checkpointing.md", "# Checkpointing\n");
        repo.manifest("base.yaml", BASE).commit("main");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private static String job(String name, String lifecycle, String extra) {
        return doc("Component", name, "type: flink-job\nlifecycle: " + lifecycle + "\nowner: streaming\n" + extra);
    }

    private Plan plan(String base, String head, Clock clock) {
        Catalog b = repo.load(base);
        Catalog h = repo.load(head);
        assertTrue(h.isValid(), () -> h.problems().toString());
        return Planner.plan(b, h, Set.of(), ref -> java.util.List.of(), ChangeClassifiers.NONE,
                new ReadinessGate(null, Voids.BY_VALUE, clock));
    }

    @Test
    void aNewProductionJobFailingABronzeRuleIsBlockedUntilTheBranchFixesIt() {
        repo.branch("new-job").manifest("jobs.yaml", job("fraud-scoring", "production", "checkpointing: {interval: 30s}"));
        repo.commit("add fraud-scoring");
        Plan blocked = plan("main", "new-job", BEFORE_DUE);
        assertFalse(blocked.satisfied());
        ReadinessBlocker blocker = blocked.changes().get(0).readiness();
        assertNotNull(blocker, blocked.toString());
        assertEquals(ReadinessBlocker.Reason.PRODUCTION, blocker.reason());
        assertEquals(1, blocker.failing().size(), "only the gate's level blocks; silver does not");
        ReadinessBlocker.Failing failing = blocker.failing().get(0);
        assertEquals("checkpointing-declared", failing.check());
        assertEquals(EntityRef.parse("group:default/streaming"), failing.mustAct().get(0).ref());
        assertEquals("flink/checkpointing.md", failing.runbook());

        String markdown = PlanFormat.markdown.render(blocked);
        assertTrue(markdown.contains("not ready for production"), markdown);
        assertTrue(markdown.contains("`checkpointing-declared`") && markdown.contains("`group:streaming`")
                && markdown.contains("`flink/checkpointing.md`"), markdown);

        repo.manifest("jobs.yaml", job("fraud-scoring", "production",
                "checkpointing: {interval: 30s, storage: 's3://state/fraud'}"));
        repo.commit("declare checkpoint storage");
        Plan fixed = plan("main", "new-job", BEFORE_DUE);
        assertNull(fixed.changes().get(0).readiness(), fixed.toString());
        assertTrue(fixed.readinessBlockers().isEmpty());
    }

    @Test
    void anExperimentalJobIsNotGated() {
        repo.branch("try").manifest("jobs.yaml", job("fraud-v2", "experimental", ""));
        repo.commit("try a new scorer");
        Plan plan = plan("main", "try", BEFORE_DUE);
        assertTrue(plan.readinessBlockers().isEmpty());
    }

    @Test
    void promotingAJobToProductionIsGatedLikeCreatingOne() {
        repo.manifest("jobs.yaml", job("fraud-v2", "experimental", "")).commit("experimental job");
        repo.branch("promote").manifest("jobs.yaml", job("fraud-v2", "production", ""));
        repo.commit("promote");
        Plan plan = plan("main", "promote", BEFORE_DUE);
        assertEquals(1, plan.readinessBlockers().size());
        assertTrue(plan.changes().stream().allMatch(c -> c.readiness() != null && !c.satisfied()));
    }

    @Test
    void pastDueByAProductionJobThatIsNotReadyBlocksItsOtherChanges() {
        repo.manifest("jobs.yaml", job("legacy", "production", "parallelism: 4")).commit("legacy job");
        repo.branch("scale").manifest("jobs.yaml", job("legacy", "production", "parallelism: 8"));
        repo.commit("scale up");
        assertTrue(plan("main", "scale", BEFORE_DUE).readinessBlockers().isEmpty(), "before dueBy: not gated");
        Plan late = plan("main", "scale", AFTER_DUE);
        assertEquals(1, late.readinessBlockers().size());
        assertEquals(ReadinessBlocker.Reason.DUE, late.readinessBlockers().get(0).reason());
        assertFalse(late.satisfied());
    }

    @Test
    void theCliPlanPrintsTheBlockerAndFails() {
        repo.branch("new-job").manifest("jobs.yaml", job("fraud-scoring", "production", ""));
        repo.commit("add fraud-scoring");
        Cli.Run run = Cli.inRepo("plan", repo.root(), "--base", "main", "--head", "new-job", "--approved-by",
                "user:ana", "--format", "markdown");
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("⛔ 1 entity is not ready for production"), run.out());
        Cli.Run text = Cli.inRepo("plan", repo.root(), "--base", "main", "--head", "new-job", "--approved-by", "user:ana");
        assertTrue(text.out().contains("streaming-job/checkpointing-declared (bronze, fail): group:default/streaming"),
                text.out());
    }
}

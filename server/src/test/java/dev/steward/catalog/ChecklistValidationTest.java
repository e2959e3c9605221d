package dev.steward.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each class of ReadinessChecklist error, reported at its file and line; a valid checklist loads whole. */
class ChecklistValidationTest {
    private static final String BASE = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: streaming}
            spec: {type: team, children: [], members: [ana]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: empty-team}
            spec: {type: team, children: []}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: ana}
            spec: {memberOf: [streaming]}
            ---
            apiVersion: steward.dev/v1alpha1
            kind: Responsibility
            metadata: {name: checkpoint-health}
            spec: {type: duty}
            ---
            apiVersion: steward.dev/v1alpha1
            kind: OwnershipPolicy
            metadata: {name: global}
            spec:
              rules:
                - for: [checkpoint-health]
                  responsible: [owner]
            """;
    /** Line numbers in the tests count within the checklist file, which starts with this header. */
    private static final String HEAD = """
            apiVersion: steward.dev/v1alpha1
            kind: ReadinessChecklist
            metadata: {name: streaming-job}
            spec:
              appliesTo: [component:flink-job]
              levels: [bronze, silver]
              gate: bronze
              checks:
            """;

    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
        repo.manifest("base.yaml", BASE);
        repo.runbook("restore.md", "# Restore\n");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Catalog loadChecks(String checks) {
        return repo.manifest("readiness.yaml", HEAD + checks.stripIndent()).commitAndLoad();
    }

    private static void assertError(Catalog catalog, int line, String fragment) {
        String path = "catalog-yaml/readiness.yaml";
        List<Problem> matching = catalog.errors().stream()
                .filter(p -> p.path().equals(path) && p.message().contains(fragment)).toList();
        assertFalse(matching.isEmpty(), () -> "no error containing '" + fragment + "'; got:\n"
                + catalog.problems().stream().map(Problem::format).collect(Collectors.joining("\n")));
        assertEquals(line, matching.get(0).line(), () -> "wrong line for " + matching.get(0).format());
    }

    @Test
    void aValidChecklistLoadsWithEveryCheck() {
        Catalog c = loadChecks("""
                    - id: checkpointing-declared
                      level: bronze
                      rule: has(entity.spec.checkpointing) && has(entity.spec.checkpointing.interval)
                    - id: restore-from-savepoint
                      level: silver
                      attest: {by: responsible:checkpoint-health, validFor: 30d, voidOn: [spec.flinkVersion]}
                      runbook: restore.md
                """);
        assertTrue(c.isValid(), () -> c.problems().toString());
        ReadinessChecklist checklist = c.checklist("streaming-job");
        assertEquals(List.of("checkpointing-declared", "restore-from-savepoint"),
                checklist.checks().stream().map(ReadinessChecklist.Check::id).toList());
        assertEquals(java.time.Duration.ofDays(30), checklist.checks().get(1).attest().validFor());
        assertEquals(ReadinessChecklist.Kind.RULE, checklist.checks().get(0).kind());
    }

    @Test
    void unknownLevelIsReportedAtTheCheck() {
        assertError(loadChecks("""
                    - id: a
                      level: platinum
                      rule: "true"
                """), 10, "unknown level 'platinum'");
    }

    @Test
    void gateMustBeOneOfTheLevels() {
        Catalog c = repo.manifest("readiness.yaml", HEAD.replace("gate: bronze", "gate: gold")
                + "    - {id: a, level: bronze, rule: \"true\"}\n").commitAndLoad();
        assertError(c, 7, "spec.gate: unknown level 'gold'");
    }

    @Test
    void duplicateCheckIdsAreReportedAtTheSecond() {
        assertError(loadChecks("""
                    - {id: a, level: bronze, rule: "true"}
                    - {id: a, level: silver, rule: "true"}
                """), 10, "duplicate check id 'a'");
    }

    @Test
    void aCheckNeedsExactlyOneOfRuleAndAttest() {
        assertError(loadChecks("""
                    - id: both
                      level: bronze
                      rule: "true"
                      attest: {by: owner}
                """), 9, "exactly one of rule and attest, not both");
        assertError(loadChecks("""
                    - id: neither
                      level: bronze
                """), 9, "exactly one of rule and attest, not neither");
    }

    @Test
    void celThatDoesNotCompileIsReportedWithItsLine() {
        assertError(loadChecks("""
                    - id: broken
                      level: bronze
                      rule: has(entity.spec.x &&
                """), 11, "is not a valid boolean CEL expression");
    }

    @Test
    void celThatIsNotBooleanIsRefused() {
        assertError(loadChecks("""
                    - id: count
                      level: bronze
                      rule: size(entity.spec) + 1
                """), 11, "returns int, not a boolean");
    }

    @Test
    void badDurationIsRefused() {
        assertError(loadChecks("""
                    - id: tested
                      level: bronze
                      attest: {by: owner, validFor: 3 weeks}
                """), 11, "validFor must be a number and a unit");
    }

    @Test
    void aByPartyThatResolvesToNobodyIsAnError() {
        assertError(loadChecks("""
                    - id: tested
                      level: bronze
                      attest: {by: group:empty-team}
                """), 11, "resolves to nobody: group:default/empty-team has 0 eligible members");
        assertError(loadChecks("""
                    - id: tested
                      level: bronze
                      attest: {by: "responsible:incident-rca"}
                """), 11, "names unknown responsibility 'incident-rca'");
        assertError(loadChecks("""
                    - id: tested
                      level: bronze
                      attest: {by: "approvers:checkpoint-health"}
                """), 11, "checkpoint-health is a duty; use responsible:checkpoint-health");
    }

    @Test
    void replacesNeedsAScopeAndAnExistingChecklist() {
        Catalog c = repo.manifest("readiness.yaml", HEAD.replace("  gate: bronze", "  gate: bronze\n  replaces: nothing")
                + "    - {id: a, level: bronze, rule: \"true\"}\n").commitAndLoad();
        assertError(c, 8, "spec.replaces needs a spec.scope");
        assertError(c, 8, "no readiness checklist 'nothing'");
    }

    @Test
    void badDatesAndMissingRunbooksAreReported() {
        Catalog c = loadChecks("""
                    - id: a
                      level: bronze
                      rule: "true"
                      effectiveFrom: next week
                      runbook: missing.md
                """);
        assertError(c, 12, "effectiveFrom must be a date");
        assertError(c, 13, "runbook 'missing.md' of check a does not exist");
    }
}

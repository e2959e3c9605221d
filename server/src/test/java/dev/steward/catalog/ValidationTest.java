package dev.steward.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.model.Problem;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per class of validation error, each asserting the file and the line it is reported at. */
class ValidationTest {
    /** A valid base: two teams and their people. Line numbers below count within each test's own file. */
    private static final String BASE = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: platform
            spec:
              type: team
              children: [lakehouse]
              members: [alice]
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: lakehouse
            spec:
              type: team
              parent: platform
              children: []
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: alice
            spec:
              memberOf: [platform]
            ---
            apiVersion: backstage.io/v1alpha1
            kind: System
            metadata:
              name: payments
            spec:
              owner: platform
            """;

    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
        repo.manifest("base.yaml", BASE);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Catalog loadWith(String file, String yaml) {
        return repo.manifest(file, yaml).commitAndLoad();
    }

    private static Problem assertError(Catalog catalog, String path, int line, String fragment) {
        List<Problem> matching = catalog.errors().stream()
                .filter(p -> p.path().equals(path) && p.message().contains(fragment)).toList();
        assertFalse(matching.isEmpty(), () -> "no error containing '" + fragment + "' in " + path + "; got:\n"
                + catalog.problems().stream().map(Problem::format).collect(Collectors.joining("\n")));
        assertEquals(line, matching.get(0).line(), () -> "wrong line for " + matching.get(0).format());
        assertFalse(catalog.isValid());
        return matching.get(0);
    }

    @Test
    void baseFixtureIsValid() {
        Catalog catalog = repo.commitAndLoad();
        assertTrue(catalog.isValid(), () -> catalog.problems().toString());
        assertEquals(4, catalog.size());
    }

    @Test
    void yamlSyntaxErrorIsReportedAtItsLine() {
        Catalog c = loadWith("broken.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata:
                  name: orders
                   description: indented wrongly
                spec: {type: kafka-topic, owner: platform}
                """);
        assertError(c, "catalog-yaml/broken.yaml", 5, "YAML syntax error");
    }

    @Test
    void documentWhoseTopLevelIsAListIsNotAnEntity() {
        Catalog c = loadWith("list.yaml", """
                - apiVersion: backstage.io/v1alpha1
                  kind: Group
                """);
        assertError(c, "catalog-yaml/list.yaml", 1, "document is not an entity: its top level is a list");
    }

    @Test
    void documentWithoutKindIsNotAnEntity() {
        Catalog c = loadWith("nokind.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: ok-group}
                spec: {type: team, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                metadata: {name: no-kind}
                """);
        assertError(c, "catalog-yaml/nokind.yaml", 6, "kind is missing");
    }

    @Test
    void nameWithBadCharactersBreaksBackstagesRule() {
        Catalog c = loadWith("names.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: Bad Name!
                spec: {type: team, children: []}
                """);
        assertError(c, "catalog-yaml/names.yaml", 4, "metadata.name 'Bad Name!' is not a valid name");
    }

    @Test
    void linksThatWouldRunScriptAreRefused() {
        Catalog c = loadWith("links.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: oncall
                  links:
                    - {url: 'https://pager.example/oncall', title: Pager}
                    - {url: 'mailto:oncall@example.com', title: Mail}
                    - {url: 'JavaScript:alert(document.cookie)', title: Click}
                    - {url: 'data:text/html;base64,PHNjcmlwdD4=', title: Data}
                spec: {type: team, children: []}
                """);
        assertError(c, "catalog-yaml/links.yaml", 8, "metadata.links[2].url 'JavaScript:alert(document.cookie)' must be an "
                + "http, https or mailto link, not javascript:");
        assertError(c, "catalog-yaml/links.yaml", 9, "metadata.links[3].url");
        assertEquals(2, c.errors().size(), () -> c.problems().toString());
    }

    @Test
    void nameLongerThan63CharactersBreaksBackstagesRule() {
        String name = "a".repeat(64);
        Catalog c = loadWith("long.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: " + name
                + "\nspec: {type: team, children: []}\n");
        assertError(c, "catalog-yaml/long.yaml", 4, "is not a valid name");
    }

    @Test
    void missingRequiredSpecFieldNamesTheKind() {
        Catalog c = loadWith("job.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: orders-ingest
                spec:
                  type: flink-job
                  owner: platform
                """);
        assertError(c, "catalog-yaml/job.yaml", 5, "spec.lifecycle is required for kind component");
    }

    @Test
    void duplicateRefNamesBothPlaces() {
        Catalog c = loadWith("dup.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: Platform
                spec: {type: team, children: []}
                """);
        Problem p = assertError(c, "catalog-yaml/dup.yaml", 1, "duplicate entity group:default/platform");
        assertTrue(p.message().contains("also defined at catalog-yaml/base.yaml:1"), p.message());
    }

    @Test
    void kindNamesAreCaseSensitiveAsInBackstage() {
        Catalog c = loadWith("case.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: group
                metadata: {name: lower}
                spec: {type: team, children: []}
                """);
        assertError(c, "catalog-yaml/case.yaml", 2, "kind 'group' must be written 'Group'");
    }

    @Test
    void unknownTopLevelFieldIsAnError() {
        Catalog c = loadWith("root.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: g}
                spec: {type: team, children: []}
                relations: []
                """);
        assertError(c, "catalog-yaml/root.yaml", 5, "unknown top-level field 'relations'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "owner         | 'kind: Resource\nmetadata: {name: t}\nspec:\n  type: kafka-topic\n  owner: ghost'                 | 5 | spec.owner: group:default/ghost does not exist",
        "system        | 'kind: Resource\nmetadata: {name: t}\nspec:\n  type: kafka-topic\n  owner: platform\n  system: nowhere' | 6 | spec.system: system:default/nowhere does not exist",
        "domain        | 'kind: System\nmetadata: {name: s}\nspec:\n  owner: platform\n  domain: nowhere'                    | 5 | spec.domain: domain:default/nowhere does not exist",
        "dependsOn     | 'kind: Resource\nmetadata: {name: t}\nspec:\n  type: x\n  owner: platform\n  dependsOn:\n    - resource:ok\n    - component:gone' | 8 | spec.dependsOn[1]: component:default/gone does not exist",
        "consumesApis  | 'kind: Component\nmetadata: {name: j}\nspec:\n  type: flink-job\n  lifecycle: production\n  owner: platform\n  consumesApis: [orders-v9]' | 7 | spec.consumesApis[0]: api:default/orders-v9 does not exist",
        "members       | 'kind: Group\nmetadata: {name: g}\nspec:\n  type: team\n  children: []\n  members:\n    - alice\n    - zed' | 8 | spec.members[1]: user:default/zed does not exist",
        "memberOf      | 'kind: User\nmetadata: {name: u}\nspec:\n  memberOf: [platfrom]'                                       | 4 | spec.memberOf[0]: group:default/platfrom does not exist (did you mean group:default/platform?)",
        "parent        | 'kind: Group\nmetadata: {name: g}\nspec:\n  type: team\n  parent: nobody\n  children: []'          | 5 | spec.parent: group:default/nobody does not exist",
        "children      | 'kind: Group\nmetadata: {name: g}\nspec:\n  type: team\n  children: [lost]'                          | 5 | spec.children[0]: group:default/lost does not exist",
    })
    void danglingRefIsReportedAtItsField(String field, String body, int line, String message) {
        String yaml = "apiVersion: backstage.io/v1alpha1\n" + body.replace("\\n", "\n") + "\n"
                + "---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: ok}\n"
                + "spec: {type: x, owner: platform}\n";
        Catalog c = loadWith("dangling.yaml", yaml);
        assertError(c, "catalog-yaml/dangling.yaml", line + 1, message);
    }

    @Test
    void refToTheWrongKindIsAnError() {
        Catalog c = loadWith("wrongkind.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: {name: t}
                spec:
                  type: kafka-topic
                  owner: system:payments
                """);
        assertError(c, "catalog-yaml/wrongkind.yaml", 6, "spec.owner: system:default/payments is a system; expected group or user");
    }

    @Test
    void dependsOnWithoutAKindIsAnError() {
        Catalog c = loadWith("nokindref.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: {name: t}
                spec:
                  type: iceberg-table
                  owner: platform
                  dependsOn: [orders]
                """);
        assertError(c, "catalog-yaml/nokindref.yaml", 7, "needs a kind");
    }

    @Test
    void danglingPolicyScopeAndPartiesAreReported() {
        Catalog c = loadWith("policy.yaml", """
                apiVersion: steward.dev/v1alpha1
                kind: OwnershipPolicy
                metadata: {name: p}
                spec:
                  scope: system:paymnets
                  rules:
                    - for: ["*"]
                      approvers:
                        - owner
                        - group:ghosts
                      informed: [user:nobody]
                """);
        assertError(c, "catalog-yaml/policy.yaml", 5, "spec.scope: system:default/paymnets does not exist (did you mean system:default/payments?)");
        assertError(c, "catalog-yaml/policy.yaml", 10, "approvers: group:default/ghosts does not exist");
        assertError(c, "catalog-yaml/policy.yaml", 11, "informed: user:default/nobody does not exist");
    }

    @Test
    void unknownResponsibilityInForIsReportedAtTheRule() {
        Catalog c = loadWith("policy.yaml", """
                apiVersion: steward.dev/v1alpha1
                kind: OwnershipPolicy
                metadata: {name: p}
                spec:
                  rules:
                    - for: [create]
                      approvers: [owner]
                    - for: [partition-evolutoin]
                      approvers: [owner]
                """);
        assertError(c, "catalog-yaml/policy.yaml", 8, "unknown responsibility 'partition-evolutoin'");
    }

    @Test
    void minBeyondEligibleMembersIsAnError() {
        Catalog c = loadWith("policy.yaml", """
                apiVersion: steward.dev/v1alpha1
                kind: OwnershipPolicy
                metadata: {name: p}
                spec:
                  rules:
                    - for: ["*"]
                      approvers:
                        - {ref: group:platform, min: 1}
                        - {ref: group:lakehouse, min: 2}
                """);
        Problem p = assertError(c, "catalog-yaml/policy.yaml", 9, "min 2 for group:default/lakehouse");
        assertTrue(p.message().contains("0 eligible members"), p.message());
    }

    @Test
    void minOnATokenIsCheckedAgainstEachEntityItReaches() {
        Catalog c = loadWith("policy.yaml", """
                apiVersion: steward.dev/v1alpha1
                kind: OwnershipPolicy
                metadata: {name: p}
                spec:
                  scope: system:payments
                  rules:
                    - for: ["*"]
                      approvers:
                        - {ref: owner, min: 2}
                """);
        Problem p = assertError(c, "catalog-yaml/policy.yaml", 9, "min 2 for group:default/platform");
        assertTrue(p.message().contains("as the party of system:default/payments"), p.message());
    }

    @Test
    void missingRunbookFileIsAnErrorAtTheField() {
        Catalog c = loadWith("resp.yaml", """
                apiVersion: steward.dev/v1alpha1
                kind: Responsibility
                metadata: {name: checkpoint-health}
                spec:
                  type: duty
                  runbook: flink/checkpoints.md
                ---
                apiVersion: steward.dev/v1alpha1
                kind: OwnershipPolicy
                metadata: {name: p}
                spec:
                  rules:
                    - for: [checkpoint-health]
                      responsible: [owner]
                      runbook: ../../etc/passwd
                """);
        assertError(c, "catalog-yaml/resp.yaml", 6, "runbook 'flink/checkpoints.md' does not exist under runbooks/");
        assertError(c, "catalog-yaml/resp.yaml", 15, "leaves the runbooks root");
        repo.runbook("flink/checkpoints.md", "# Checkpoints\n");
        Catalog fixed = repo.manifest("resp.yaml", """
                apiVersion: steward.dev/v1alpha1
                kind: Responsibility
                metadata: {name: checkpoint-health}
                spec:
                  type: duty
                  runbook: flink/checkpoints.md
                """).commitAndLoad();
        assertTrue(fixed.isValid(), () -> fixed.problems().toString());
    }

    @Test
    void cycleInGroupParentsIsAnError() {
        Catalog c = loadWith("cycle.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: a}
                spec:
                  type: team
                  parent: b
                  children: []
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: b}
                spec:
                  type: team
                  parent: a
                  children: []
                """);
        Problem p = assertError(c, "catalog-yaml/cycle.yaml", 14, "group hierarchy has a cycle");
        assertTrue(p.message().contains("group:default/a → group:default/b → group:default/a")
                || p.message().contains("group:default/b → group:default/a → group:default/b"), p.message());
    }

    @Test
    void unknownFieldInARuleIsAnErrorNotSilentlyIgnored() {
        Catalog c = loadWith("policy.yaml", """
                apiVersion: steward.dev/v1alpha1
                kind: OwnershipPolicy
                metadata: {name: p}
                spec:
                  rules:
                    - for: ["*"]
                      approvers: [owner]
                      inherits: false
                """);
        assertError(c, "catalog-yaml/policy.yaml", 8, "unknown field 'inherits' in spec.rules[0]");
    }

    @Test
    void oneBadFileDoesNotHideTheProblemsOfAnother() {
        repo.manifest("a-broken.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: x\n");
        Catalog c = loadWith("b-dangling.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: {name: t}
                spec: {type: kafka-topic, owner: nobody}
                """);
        assertError(c, "catalog-yaml/a-broken.yaml", 4, "YAML syntax error");
        assertError(c, "catalog-yaml/b-dangling.yaml", 4, "spec.owner: group:default/nobody does not exist");
    }

    @Test
    void uncommittedEditsDoNotCount() {
        repo.commit("base");
        repo.manifest("later.yaml", "not: [valid");
        Catalog c = repo.load();
        assertTrue(c.isValid(), () -> c.problems().toString());
    }
}

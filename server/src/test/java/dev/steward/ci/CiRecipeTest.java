package dev.steward.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.ProjectPaths;
import dev.steward.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Steward commands of the documented CI recipes (docs/ci/*.yml), exactly as written, in a
 * catalog repository with a pull-request branch: what CI would run is what is tested.
 */
class CiRecipeTest {
    private static final String CATALOG = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: lakehouse}
            spec: {type: team, children: [], members: [dana]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: governance}
            spec: {type: team, children: [], members: [gina]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: dana, annotations: {github.com/user-login: dana-k, gitlab.com/user-login: dana.k}}
            spec: {memberOf: [lakehouse]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: gina, annotations: {github.com/user-login: gina-g, gitlab.com/user-login: gina.g}}
            spec: {memberOf: [governance]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata: {name: orders-fact}
            spec: {type: iceberg-table, owner: lakehouse, partitioning: ["days(ts)"]}
            ---
            apiVersion: steward.dev/v1alpha1
            kind: Responsibility
            metadata: {name: partition-evolution}
            spec: {type: change, appliesTo: [resource:iceberg-table], detect: [spec.partitioning]}
            ---
            apiVersion: steward.dev/v1alpha1
            kind: OwnershipPolicy
            metadata: {name: defaults}
            spec:
              rules:
                - for: ["*"]
                  approvers: [owner]
                - for: [partition-evolution]
                  approvers: [owner, group:governance]
            """;

    @TempDir
    Path tmp;

    record Run(String command, int code, String output) {
    }

    /** The lines of a recipe that run Steward. */
    private static List<String> stewardCommands(String recipe) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(ProjectPaths.root().resolve("docs/ci/" + recipe))) {
            String trimmed = line.trim().replaceFirst("^(- |run: )", "");
            if (trimmed.startsWith("java -jar steward.jar")) out.add(trimmed);
        }
        return out;
    }

    private static Run run(Path dir, String command, Map<String, String> env) throws Exception {
        String steward = "java -cp \"$STEWARD_CP\" dev.steward.cli.Main";
        String script = command.replace("java -jar steward.jar", steward);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("STEWARD_CP", System.getProperty("java.class.path"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(command, p.exitValue(), output);
    }

    private TestRepo pullRequest(Path dir) {
        TestRepo repo = TestRepo.create(dir);
        repo.manifest("catalog.yaml", CATALOG).commit("main");
        repo.branch("feature");
        repo.manifest("catalog.yaml", CATALOG.replace("[\"days(ts)\"]", "[\"hours(ts)\"]")).commit("repartition");
        return repo;
    }

    @Test
    void theGithubActionsRecipeRunsAsDocumented() throws Exception {
        List<String> commands = stewardCommands("github-actions.yml");
        assertEquals(3, commands.size(), commands.toString());
        try (TestRepo repo = pullRequest(tmp)) {
            ObjectId base = repo.git().getRepository().resolve("main");
            Map<String, String> env = Map.of("BASE_SHA", base.name(), "logins", "dana-k,someone-else");
            Run check = run(repo.root(), commands.get(0), env);
            assertEquals(0, check.code(), check.output());
            Run markdown = run(repo.root(), commands.get(1), env);
            assertEquals(1, markdown.code(), markdown.output());
            String plan = Files.readString(repo.root().resolve("plan.md"));
            assertTrue(plan.startsWith("### Steward sign-off plan: ⏳ 1 approval(s) missing"), plan);
            assertTrue(plan.contains("| ❌ | `resource:orders-fact` | partition-evolution <sub>spec.partitioning</sub> | "
                    + "`group:governance` | @dana |"), plan);
            assertTrue(markdown.output().contains("approval by 'someone-else' ignored"), markdown.output());
            Run annotations = run(repo.root(), commands.get(2), env);
            assertTrue(annotations.output().contains("::warning file=catalog-yaml/catalog.yaml,line="), annotations.output());
            Run approved = run(repo.root(), commands.get(1), Map.of("BASE_SHA", base.name(), "logins", "dana-k,gina-g"));
            assertEquals(0, approved.code(), approved.output());

            repo.manifest("broken.yaml", "kind: [").commit("broken");
            Run broken = run(repo.root(), commands.get(0), env);
            assertEquals(1, broken.code());
            assertTrue(broken.output().startsWith("::error file=catalog-yaml/broken.yaml,line=1,title=steward check::"),
                    broken.output());
        }
    }

    @Test
    void theGitlabRecipeRunsAsDocumented() throws Exception {
        List<String> commands = stewardCommands("gitlab-ci.yml");
        assertEquals(3, commands.size(), commands.toString());
        try (TestRepo repo = pullRequest(tmp)) {
            ObjectId base = repo.git().getRepository().resolve("main");
            Map<String, String> env = Map.of("CI_MERGE_REQUEST_DIFF_BASE_SHA", base.name(), "logins", "gina.g");
            Run report = run(repo.root(), commands.get(0), env);
            assertEquals(0, report.code(), report.output());
            assertEquals("[ ]", Files.readString(repo.root().resolve("gl-code-quality-report.json")).trim());
            Run text = run(repo.root(), commands.get(1), env);
            assertTrue(text.output().startsWith("valid: "), text.output());
            run(repo.root(), commands.get(2), env);
            String plan = Files.readString(repo.root().resolve("plan.md"));
            assertTrue(plan.contains("`group:lakehouse` | @gina |"), plan);
            assertFalse(plan.contains("`group:governance` |"), "gina's approval is in: " + plan);

            repo.manifest("catalog.yaml", CATALOG.replace("owner: lakehouse", "owner: nobody")).commit("dangling");
            run(repo.root(), commands.get(0), env);
            String quality = Files.readString(repo.root().resolve("gl-code-quality-report.json"));
            assertTrue(quality.contains("\"path\" : \"catalog-yaml/catalog.yaml\""), quality);
            assertTrue(quality.contains("group:default/nobody does not exist"), quality);
        }
    }
}

package dev.steward.codeowners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CODEOWNERS generated from a catalog repository, for GitHub and GitLab, and kept fresh with --check. */
class CodeownersTest {
    private static final String ORG = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: lakehouse
              annotations:
                github.com/team-slug: acme/lakehouse
                gitlab.com/group-path: acme/data/lakehouse
            spec: {type: team, children: [], members: [dana]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: governance
              annotations:
                github.com/team-slug: acme/governance
                gitlab.com/group-path: acme/governance
            spec: {type: team, children: [], members: [gina, hank]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: dana
              annotations:
                github.com/user-login: dana-k
                gitlab.com/user-login: https://gitlab.example.com/dana.k
            spec: {memberOf: [lakehouse]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: gina, annotations: {github.com/user-login: gina}}
            spec: {memberOf: [governance]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: hank, annotations: {github.com/user-login: hank}}
            spec: {memberOf: [governance]}
            """;
    private static final String ASSETS = """
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata: {name: orders-fact}
            spec: {type: iceberg-table, owner: lakehouse, partitioning: ["days(ts)"]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata: {name: scratch}
            spec: {type: iceberg-table, owner: user:dana}
            """;
    private static final String RULES = """
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
                - for: [partition-evolution, policy-change]
                  approvers: [{ref: group:governance, min: 2}]
                - for: [metadata-change]
                  approvers: [group:governance]
            """;

    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
        repo.manifest("org.yaml", ORG).manifest("assets/tables.yaml", ASSETS).manifest("rules.yaml", RULES)
                .runbook("iceberg.md", "---\ntitle: Iceberg\nowner: group:lakehouse\n---\n# Iceberg\n")
                .runbook("general.md", "# General\n");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Cli.Run run(String... args) {
        return Cli.inRepo("codeowners", repo.root(), args);
    }

    @Test
    void githubMapsEachFileToTheOwnersOfWhatItHolds() {
        repo.commit("catalog");
        Cli.Run r = run();
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().filter(l -> l.startsWith("/")).toList();
        assertEquals(List.of(
                "/catalog-yaml/assets/tables.yaml @acme/lakehouse @dana-k",
                "/catalog-yaml/org.yaml @acme/governance",
                "/catalog-yaml/rules.yaml @acme/governance",
                "/runbooks/general.md @acme/governance",
                "/runbooks/iceberg.md @acme/lakehouse"), lines);
    }

    @Test
    void gitlabHasOneSectionPerChangeWithItsApprovalCount() {
        repo.commit("catalog");
        Cli.Run r = run("--provider", "gitlab");
        String out = r.out();
        assertTrue(out.contains("[partition-evolution][2]\n/catalog-yaml/assets/tables.yaml @acme/governance "
                + "@acme/data/lakehouse @dana.k\n"), out);
        assertTrue(out.contains("[policy-change][2]\n/catalog-yaml/rules.yaml @acme/governance\n"
                + "/runbooks/general.md @acme/governance\n/runbooks/iceberg.md @acme/data/lakehouse\n"), out);
        assertTrue(out.contains("[create][1]\n/catalog-yaml/assets/tables.yaml @acme/data/lakehouse @dana.k\n"), out);
        // gina and hank have no gitlab.com/user-login, but no section needs them as users.
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void missingAndInvalidHandlesAreErrorsAtTheEntity() {
        repo.manifest("org.yaml", ORG.replace("    github.com/team-slug: acme/lakehouse\n", "")
                .replace("github.com/user-login: dana-k", "github.com/user-login: not a login!")).commit("bad handles");
        Cli.Run r = run();
        assertEquals(1, r.code());
        assertTrue(r.err().contains("catalog-yaml/org.yaml:1: group:default/lakehouse has no github.com/team-slug annotation"),
                r.err());
        assertTrue(r.err().contains("github.com/user-login of user:default/dana is 'not a login!', which is not a valid user handle"),
                r.err());
    }

    @Test
    void checkExitsOneWhenTheCommittedFileIsStale() throws Exception {
        repo.commit("catalog");
        assertEquals(1, run("--check").code(), "no CODEOWNERS committed yet");
        Path out = repo.root().resolve(".github/CODEOWNERS");
        assertEquals(0, run("--output", out.toString()).code());
        repo.commit("add CODEOWNERS");
        Cli.Run fresh = run("--check");
        assertEquals(0, fresh.code(), fresh.err());
        repo.manifest("assets/tables.yaml", ASSETS.replace("owner: user:dana", "owner: governance")).commit("move");
        Cli.Run stale = run("--check");
        assertEquals(1, stale.code());
        assertTrue(stale.err().contains(".github/CODEOWNERS is stale"), stale.err());
        assertTrue(Files.readString(out).startsWith("# Generated by `steward codeowners`"));
    }
}

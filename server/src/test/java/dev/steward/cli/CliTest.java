package dev.steward.cli;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process against real repositories: output and exit codes. */
class CliTest {
    private static final String CATALOG = group("lakehouse", "members: [alice]") + user("alice")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse")
            + responsibility("partition-evolution", "type: change\nappliesTo: [resource:iceberg-table]")
            + policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [owner]");

    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Cli.Run run(String... args) {
        return Cli.run(args);
    }

    private String repoPath() {
        return repo.root().toString();
    }

    @Test
    void checkExitsZeroOnAValidCatalog() {
        repo.manifest("all.yaml", CATALOG).commit("good");
        Cli.Run r = run("check", "--repo", repoPath());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("valid: 5 entities, 0 errors"), r.out());
    }

    @Test
    void checkExitsOneWithEveryErrorAsPathLineMessage() {
        repo.manifest("all.yaml", CATALOG.replace("owner: lakehouse", "owner: nobody"))
                .manifest("z.yaml", "kind: [").commit("bad");
        Cli.Run r = run("check", "--repo", repoPath());
        assertEquals(1, r.code());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("catalog-yaml/all\\.yaml:\\d+: spec\\.owner: group:default/nobody does not exist")),
                r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("catalog-yaml/z.yaml:1: YAML syntax error")), r.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("invalid: "), r.out());
    }

    @Test
    void checkFormatGithubPrintsWorkflowAnnotations() {
        repo.manifest("all.yaml", CATALOG.replace("owner: lakehouse", "owner: nobody")).commit("bad");
        Cli.Run r = run("check", "--repo", repoPath(), "--format", "github");
        assertEquals(1, r.code());
        String line = r.out().lines().findFirst().orElseThrow();
        assertTrue(line.matches("::error file=catalog-yaml/all\\.yaml,line=\\d+,title=steward check::spec\\.owner: "
                + "group%3Adefault/nobody does not exist|::error file=catalog-yaml/all\\.yaml,line=\\d+,title=steward check::.*"),
                line);
        assertTrue(line.contains("does not exist"), line);
    }

    @Test
    void checkReadsTheCommitNotTheWorkingTreeUnlessAsked() {
        repo.manifest("all.yaml", CATALOG).commit("good");
        repo.manifest("all.yaml", "kind: [");
        assertEquals(0, run("check", "--repo", repoPath()).code());
        assertEquals(1, run("check", "--repo", repoPath(), "--worktree").code());
    }

    @Test
    void checkJsonListsErrorsWithLocations() throws Exception {
        repo.manifest("all.yaml", CATALOG.replace("owner: lakehouse", "owner: nobody")).commit("bad");
        Cli.Run r = run("check", "--repo", repoPath(), "--json");
        assertEquals(1, r.code());
        var json = new ObjectMapper().readTree(r.out());
        assertEquals(false, json.get("valid").asBoolean());
        assertEquals("catalog-yaml/all.yaml", json.get("errors").get(0).get("path").asText());
    }

    @Test
    void whoJsonIsTheSameAnswerAsTheApi() throws Exception {
        repo.manifest("all.yaml", CATALOG).commit("good");
        Cli.Run r = run("who", "--repo", repoPath(), "orders-fact", "partition-evolution", "--json");
        assertEquals(0, r.code(), r.err());
        ObjectMapper mapper = new ObjectMapper();
        var cli = mapper.readTree(r.out());
        LiveCatalog live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "HEAD", 0));
        JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
            var api = mapper.readTree(client.get("/api/who?entity=orders-fact&responsibility=partition-evolution")
                    .body().string());
            assertEquals(api, cli);
        });
        assertEquals("group:default/lakehouse", cli.get("approvers").get(0).get("ref").asText());
    }

    @Test
    void whoTextExplainsEachParty() {
        repo.manifest("all.yaml", CATALOG).commit("good");
        Cli.Run r = run("who", "--repo", repoPath(), "resource:orders-fact", "partition-evolution");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("partition-evolution on resource:default/orders-fact: ok (change)"), r.out());
        assertTrue(r.out().contains("via ownershippolicy:default/defaults rule 0 (global) as owner"), r.out());
    }

    @Test
    void whoUnknownNamesExitTwoWithAMessage() {
        repo.manifest("all.yaml", CATALOG).commit("good");
        Cli.Run r = run("who", "--repo", repoPath(), "orders-fakt", "partition-evolution");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("did you mean resource:default/orders-fact"), r.err());
    }

    @Test
    void whoRefusesAnInvalidCatalog() {
        repo.manifest("all.yaml", CATALOG).manifest("z.yaml", "kind: [").commit("bad");
        Cli.Run r = run("who", "--repo", repoPath(), "orders-fact", "partition-evolution");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("does not validate"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("serve", "check", "who")) {
            Cli.Run r = run(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().contains("Usage: steward " + command), r.out());
        }
        assertTrue(run("--help").out().contains("check"));
    }

    @Test
    void usageAndIoErrorsExitTwo() {
        assertEquals(2, run("check", "--no-such-option").code());
        assertEquals(2, run("who", "only-one-arg").code());
        Cli.Run missing = run("check", "--repo", tmp.resolve("does-not-exist").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }
}

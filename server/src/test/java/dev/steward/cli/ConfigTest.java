package dev.steward.cli;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings come from flags, then STEWARD_* variables, then steward.yaml, then defaults. */
class ConfigTest {
    @TempDir
    Path tmp;

    private Path repoWith(String catalogFolder) {
        try (TestRepo repo = TestRepo.create(tmp.resolve(catalogFolder))) {
            repo.write(catalogFolder + "/org.yaml", group("team-a", "members: [ana]") + user("ana")).commit("org");
            return repo.root();
        }
    }

    @Test
    void fileEnvironmentAndFlagsInThatOrderOfPrecedence() throws Exception {
        Path fromFile = repoWith("file-catalog");
        Path fromEnv = repoWith("env-catalog");
        Path config = Files.writeString(tmp.resolve("steward.yaml"), """
                repo: %s
                check:
                  catalog-path: file-catalog
                """.formatted(fromFile));

        Cli.Run file = Cli.withEnvironment(Map.of(), "check", "--config", config.toString(), "--format", "json");
        assertEquals(0, file.code(), file.out() + file.err());
        assertTrue(file.out().contains("\"entities\" : 2"), file.out());

        Cli.Run env = Cli.withEnvironment(Map.of("STEWARD_REPO", fromEnv.toString(), "STEWARD_CATALOG_PATH", "env-catalog",
                "STEWARD_CONFIG", config.toString()), "check", "--format", "json");
        assertEquals(0, env.code(), env.out() + env.err());
        assertTrue(env.out().contains("\"entities\" : 2"), env.out());

        Cli.Run flags = Cli.withEnvironment(Map.of("STEWARD_REPO", fromEnv.toString(), "STEWARD_CATALOG_PATH", "env-catalog",
                "STEWARD_CONFIG", config.toString()), "check", "--catalog-path", "nowhere", "--format", "json");
        assertTrue(flags.out().contains("\"entities\" : 0"), "the flag wins: " + flags.out() + flags.err());
    }

    @Test
    void unknownSettingIsRefusedWithItsLineAndTheNearestName() throws Exception {
        Path config = Files.writeString(tmp.resolve("steward.yaml"), "serve:\n  port: 8080\n  pol: 10s\n");
        Cli.Run run = Cli.withEnvironment(Map.of(), "check", "--config", config.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("steward.yaml:3: unknown setting 'pol'; did you mean 'poll'?"), run.err());
    }

    @Test
    void namedConfigurationFileMustExist() {
        Cli.Run run = Cli.withEnvironment(Map.of("STEWARD_CONFIG", tmp.resolve("missing.yaml").toString()), "check");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("missing.yaml: no such configuration file"), run.err());
    }

    @Test
    void databaseUrlHasItsConventionalName() {
        assertEquals("STEWARD_DB_URL", StewardConfig.envName("--db"));
        assertEquals("STEWARD_CATALOG_PATH", StewardConfig.envName("--catalog-path"));
    }
}

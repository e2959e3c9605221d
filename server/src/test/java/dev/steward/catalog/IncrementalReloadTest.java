package dev.steward.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.load.yaml.YamlLimits;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.Problem;
import dev.steward.git.CatalogRepository;
import dev.steward.json.Json;
import dev.steward.resolve.Resolver;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental reload (a JGit tree diff applied to the previous snapshot) gives exactly the
 * catalog a full load of the same commit gives: entities, relations, lineage, membership, policies,
 * problems and every resolution. Checked over a few hundred random edit sequences that add, change,
 * move, duplicate, break and delete manifests and runbooks.
 */
class IncrementalReloadTest {
    private static final int SEQUENCES = 240;
    private static final int STEPS = 5;
    private static final long MAX = YamlLimits.DEFAULT.maxFileBytes();

    @TempDir
    Path tmp;

    @Test
    void incrementalReloadEqualsFullLoadOnRandomEditSequences() throws Exception {
        int compared = 0;
        int invalid = 0;
        for (int seq = 0; seq < SEQUENCES; seq++) {
            long seed = 1000L + seq;
            Random random = new Random(seed);
            try (TestRepo repo = TestRepo.create(tmp.resolve("s" + seq)); CatalogRepository git = repo.open()) {
                World world = new World(random);
                world.writeAll(repo);
                ObjectId commit = repo.commit("start");
                ManifestLoader loader = new ManifestLoader();
                Catalog incremental = loader.load(git.read(commit, "catalog-yaml", "runbooks", MAX));
                for (int step = 0; step < STEPS; step++) {
                    world.edit(repo);
                    ObjectId next = repo.commit("step " + step);
                    incremental = loader.apply(incremental, git.diff(commit, next, "catalog-yaml", "runbooks", MAX));
                    Catalog full = loader.load(git.read(next, "catalog-yaml", "runbooks", MAX));
                    String expected = fingerprint(full);
                    String actual = fingerprint(incremental);
                    if (!expected.equals(actual)) {
                        assertEquals(expected, actual, "seed " + seed + ", step " + step + ": incremental differs");
                    }
                    if (!full.isValid()) invalid++;
                    compared++;
                    commit = next;
                }
            }
        }
        assertEquals(SEQUENCES * STEPS, compared);
        assertTrue(invalid > 50 && invalid < compared - 50,
                "the edits must reach both valid and invalid catalogs often: " + invalid + " of " + compared);
    }

    /** Everything a reader can observe of a catalog, in a canonical text form. */
    static String fingerprint(Catalog c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commit", c.commit());
        out.put("valid", c.isValid());
        out.put("problems", c.problems().stream().map(Problem::format).toList());
        List<Object> entities = new ArrayList<>();
        for (Entity e : c.entities()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ref", e.ref().toString());
            m.put("source", e.source().toString());
            m.put("document", e.document());
            m.put("relations", c.relations().of(e).stream().map(r -> r.type() + " " + r.targetRef()).toList());
            m.put("consumers", c.lineage().consumers(e.ref()).stream().map(Object::toString).toList());
            m.put("producers", c.lineage().producers(e.ref()).stream().map(Object::toString).toList());
            m.put("scope", c.scopeChain(e).stream().map(Object::toString).toList());
            if (e.isKind("group") || e.isKind("user")) {
                m.put("members", c.groups().eligibleMembers(e.ref()).stream().map(Object::toString).toList());
                m.put("children", c.groups().childGroups(e.ref()).stream().map(Object::toString).toList());
                m.put("groupsOf", c.groups().groupsOf(e.ref()).stream().map(Object::toString).toList());
            }
            m.put("answers", Resolver.resolveAll(c, e));
            entities.add(m);
        }
        out.put("entities", entities);
        out.put("responsibilities", c.responsibilities().stream().map(r -> r.name() + "@" + r.source()).toList());
        out.put("policies", c.policies().policies().stream().map(p -> p.ref() + "@" + p.source()).toList());
        out.put("runbooks", c.runbooks().paths().stream().sorted().toList());
        out.put("files", c.manifestPaths());
        return Json.pretty(out);
    }

    /** A small streaming platform spread over a few files, edited at random. */
    private static final class World {
        private final Random random;
        private final Map<String, List<String>> files = new LinkedHashMap<>();
        private final List<String> runbooks = new ArrayList<>(List.of("a.md", "b.md", "c.md"));

        World(Random random) {
            this.random = random;
            files.put("org.yaml", new ArrayList<>(List.of(group("platform", null), group("lakehouse", "platform"),
                    group("analytics", null), user("alice", "platform"), user("bob", "lakehouse"),
                    user("carol", "analytics"), user("dave", "lakehouse"))));
            files.put("assets.yaml", new ArrayList<>(List.of(domain("commerce", null), domain("payments", "commerce"),
                    system("orders", "commerce"), system("billing", "payments"),
                    resource("topic-a", "kafka-topic", "orders", "lakehouse", null),
                    resource("table-a", "iceberg-table", "orders", "lakehouse", "resource:topic-a"),
                    resource("table-b", "iceberg-table", "billing", "analytics", "resource:table-a"))));
            files.put("more/jobs.yaml", new ArrayList<>(List.of(job("job-a", "orders", "platform", "resource:topic-a"),
                    job("job-b", "billing", "analytics", "resource:table-b"))));
            files.put("governance.yaml", new ArrayList<>(List.of(
                    responsibility("partition-evolution", "change", "resource:iceberg-table", "a.md"),
                    responsibility("checkpoint-health", "duty", "component:flink-job", "b.md"),
                    policy("defaults", null, "[\"*\"]", "[owner]", "[owner]", null, false),
                    policy("orders", "system:orders", "[partition-evolution]", "[owner, consumers]", "[]", "c.md", true))));
        }

        void writeAll(TestRepo repo) {
            files.forEach((name, docs) -> repo.manifest(name, String.join("---\n", docs)));
            runbooks.forEach(r -> repo.runbook(r, "# " + r + "\n"));
        }

        private String pick(List<String> list) {
            return list.get(random.nextInt(list.size()));
        }

        void edit(TestRepo repo) {
            int edits = 1 + random.nextInt(3);
            for (int i = 0; i < edits; i++) editOnce(repo);
        }

        private void editOnce(TestRepo repo) {
            List<String> names = new ArrayList<>(files.keySet());
            String file = pick(names);
            List<String> docs = files.get(file);
            switch (random.nextInt(12)) {
                case 0 -> docs.add(resource("t" + random.nextInt(6), random.nextBoolean() ? "iceberg-table" : "kafka-topic",
                        pick(List.of("orders", "billing", "nowhere")), pick(List.of("lakehouse", "analytics", "ghost")),
                        random.nextBoolean() ? null : "resource:" + pick(List.of("topic-a", "table-a", "t1", "t2"))));
                case 1 -> {
                    if (!docs.isEmpty()) docs.remove(random.nextInt(docs.size()));
                }
                case 2 -> { // move a document to another (maybe new) file
                    if (docs.isEmpty()) break;
                    String doc = docs.remove(random.nextInt(docs.size()));
                    String target = random.nextInt(4) == 0 ? "extra-" + random.nextInt(3) + ".yaml" : pick(names);
                    files.computeIfAbsent(target, k -> new ArrayList<>()).add(doc);
                }
                case 3 -> { // duplicate a document into another file
                    if (docs.isEmpty()) break;
                    files.get(pick(names)).add(docs.get(random.nextInt(docs.size())));
                }
                case 4 -> docs.add(job("j" + random.nextInt(4), pick(List.of("orders", "billing")),
                        pick(List.of("platform", "analytics")), "resource:" + pick(List.of("topic-a", "table-b", "t3"))));
                case 5 -> docs.add(user("u" + random.nextInt(4), pick(List.of("platform", "lakehouse", "analytics", "nobody"))));
                case 6 -> docs.add(group("g" + random.nextInt(3), pick(List.of("platform", "analytics", "g0", "g1"))));
                case 7 -> docs.add(policy("p" + random.nextInt(3), pick(List.of("system:orders", "domain:payments",
                        "resource:table-a", "system:ghost")), pick(List.of("[\"*\"]", "[partition-evolution]",
                        "[checkpoint-health]", "[nonsense]")), pick(List.of("[owner]", "[producers]",
                        "[{ref: group:lakehouse, min: 2}]", "[group:analytics]")), "[owner]",
                        random.nextBoolean() ? null : pick(List.of("a.md", "b.md", "missing.md")), random.nextBoolean()));
                case 8 -> docs.add(random.nextBoolean() ? "kind: [broken\n" : "- just a list\n");
                case 9 -> { // delete a whole file
                    if (files.size() > 1) {
                        files.remove(file);
                        repo.delete("catalog-yaml/" + file);
                        return;
                    }
                }
                case 10 -> { // runbooks come and go
                    String r = pick(List.of("a.md", "b.md", "c.md", "missing.md"));
                    if (runbooks.contains(r)) {
                        runbooks.remove(r);
                        repo.delete("runbooks/" + r);
                    } else {
                        runbooks.add(r);
                        repo.runbook(r, "# " + r + "\n");
                    }
                    return;
                }
                default -> { // replace a document with an edited copy
                    if (docs.isEmpty()) break;
                    int i = random.nextInt(docs.size());
                    docs.set(i, docs.get(i).replace("lakehouse", "analytics").replace("orders", "billing"));
                }
            }
            repo.manifest(file, String.join("---\n", docs));
        }

        private static String group(String name, String parent) {
            return "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: " + name + "}\nspec:\n  type: team\n"
                    + "  children: []\n" + (parent == null ? "" : "  parent: " + parent + "\n");
        }

        private static String user(String name, String group) {
            return "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: " + name + "}\nspec: {memberOf: ["
                    + group + "]}\n";
        }

        private static String domain(String name, String parent) {
            return "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata: {name: " + name + "}\nspec:\n  owner: platform\n"
                    + (parent == null ? "" : "  subdomainOf: " + parent + "\n");
        }

        private static String system(String name, String domain) {
            return "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: " + name + "}\nspec:\n  owner: platform\n"
                    + "  domain: " + domain + "\n";
        }

        private static String resource(String name, String type, String system, String owner, String dependsOn) {
            return "apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: " + name + "}\nspec:\n  type: "
                    + type + "\n  owner: " + owner + "\n  system: " + system + "\n"
                    + (dependsOn == null ? "" : "  dependsOn: [" + dependsOn + "]\n");
        }

        private static String job(String name, String system, String owner, String dependsOn) {
            return "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: " + name + "}\nspec:\n"
                    + "  type: flink-job\n  lifecycle: production\n  owner: " + owner + "\n  system: " + system + "\n"
                    + "  dependsOn: [" + dependsOn + "]\n";
        }

        private static String responsibility(String name, String type, String appliesTo, String runbook) {
            return "apiVersion: steward.dev/v1alpha1\nkind: Responsibility\nmetadata: {name: " + name + "}\nspec:\n"
                    + "  type: " + type + "\n  appliesTo: [" + appliesTo + "]\n  runbook: " + runbook + "\n";
        }

        private static String policy(String name, String scope, String forList, String approvers, String responsible,
                                     String runbook, boolean inherit) {
            return "apiVersion: steward.dev/v1alpha1\nkind: OwnershipPolicy\nmetadata: {name: " + name + "}\nspec:\n"
                    + (scope == null ? "" : "  scope: " + scope + "\n") + "  rules:\n    - for: " + forList + "\n"
                    + "      approvers: " + approvers + "\n      responsible: " + responsible + "\n"
                    + (runbook == null ? "" : "      runbook: " + runbook + "\n") + "      inherit: " + inherit + "\n";
        }
    }
}

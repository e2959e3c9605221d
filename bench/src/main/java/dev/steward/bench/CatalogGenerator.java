package dev.steward.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Writes a synthetic but realistic streaming platform of about {@code n} entities into a Git
 * repository: an org of departments and teams, domains with subdomains, systems, and chains of
 * schema → topic → Flink job → Iceberg table → aggregate table, with policies at every scope.
 */
public final class CatalogGenerator {
    static final List<String> CHANGES = List.of("schema-change", "partition-evolution", "table-layout",
            "flink-upgrade", "retention-change", "deprecation");
    static final List<String> DUTIES = List.of("checkpoint-health", "canary-rollout", "compaction", "incident-rca");
    private static final int DOCS_PER_FILE = 100;

    private final int n;
    private final int departments = 10;
    private final int teams;
    private final int users;
    private final int domains;
    private final int systems;
    private final int chains;

    public CatalogGenerator(int n) {
        this.n = n;
        this.teams = Math.max(10, n / 100);
        this.users = Math.max(20, n / 25);
        this.domains = Math.max(2, n / 10_000);
        this.systems = Math.max(3, n / 250);
        int fixed = 1 + departments + teams + users + 2 * domains + systems;
        this.chains = Math.max(1, (n - fixed) / 5);
    }

    /**
     * {@code CatalogGenerator DIR N} writes a catalog of about N entities into a new repository at DIR;
     * {@code CatalogGenerator DIR change} commits a one-file change to it (a table changes owner).
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CatalogGenerator DIR ENTITIES|change");
            System.exit(2);
        }
        if (args[1].equals("change")) {
            System.out.println(commitOneFileChange(Path.of(args[0])).name());
            return;
        }
        ObjectId commit = new CatalogGenerator(Integer.parseInt(args[1])).writeRepository(Path.of(args[0]));
        System.out.println(commit.name());
    }

    /** Creates the repository under {@code dir}, commits the catalog and returns the commit. */
    public ObjectId writeRepository(Path dir) throws IOException, GitAPIException {
        Files.createDirectories(dir);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            writeFiles(dir);
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Bench", "bench@steward.dev");
            return git.commit().setMessage("generated catalog of ~" + n + " entities").setAuthor(who)
                    .setCommitter(who).call().getId();
        }
    }

    /** Commits a change of one manifest: in the first assets file, one table moves to another team. */
    public static ObjectId commitOneFileChange(Path dir) throws IOException, GitAPIException {
        Path file;
        try (var files = Files.list(dir.resolve("catalog-yaml"))) {
            file = files.filter(p -> p.getFileName().toString().startsWith("assets-")).sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(file);
        int at = text.indexOf("owner: team-2\n");
        Files.writeString(file, text.substring(0, at) + "owner: team-7\n" + text.substring(at + "owner: team-2\n".length()));
        try (Git git = Git.open(dir.toFile())) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Bench", "bench@steward.dev");
            return git.commit().setMessage("move one table").setAuthor(who).setCommitter(who).call().getId();
        }
    }

    /** Commits a change of one table's owner (for churn whose effect a reader can check). */
    public static ObjectId commitOwner(Path dir, String table, String owner) throws IOException, GitAPIException {
        String marker = "\n  name: " + table + "\n";
        Path file;
        try (var files = Files.list(dir.resolve("catalog-yaml"))) {
            file = files.filter(p -> p.getFileName().toString().startsWith("assets-")).sorted().filter(p -> {
                try {
                    return Files.readString(p).contains(marker);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).findFirst().orElseThrow(() -> new IllegalArgumentException("no table " + table));
        }
        String text = Files.readString(file);
        int at = text.indexOf("owner: ", text.indexOf(marker));
        int end = text.indexOf('\n', at);
        Files.writeString(file, text.substring(0, at) + "owner: " + owner + text.substring(end));
        try (Git git = Git.open(dir.toFile())) {
            git.add().addFilepattern("catalog-yaml/" + file.getFileName()).call(); // one path: no walk of the tree
            PersonIdent who = new PersonIdent("Bench", "bench@steward.dev");
            return git.commit().setMessage(table + " to " + owner).setAuthor(who).setCommitter(who).call().getId();
        }
    }

    /**
     * Commits a pull request that touches {@code files} manifests: in each, one table's partitioning
     * changes (partition evolution) and one table moves to another team (ownership transfer).
     */
    public static ObjectId commitManyFileChange(Path dir, int files) throws IOException, GitAPIException {
        List<Path> assets;
        try (var list = Files.list(dir.resolve("catalog-yaml"))) {
            assets = list.filter(p -> p.getFileName().toString().startsWith("assets-")).sorted().limit(files).toList();
        }
        for (Path file : assets) {
            String text = Files.readString(file);
            text = text.replaceFirst("partitioning: \\[\"days\\(event_ts\\)\", \"bucket\\(16, id\\)\"\\]",
                    "partitioning: [\"hours(event_ts)\", \"bucket(16, id)\"]");
            Files.writeString(file, text);
        }
        try (Git git = Git.open(dir.toFile())) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Bench", "bench@steward.dev");
            return git.commit().setMessage("repartition " + files + " tables").setAuthor(who).setCommitter(who)
                    .call().getId();
        }
    }

    /** The refs of some entities of each asset kind, for picking questions. */
    public List<String> sampleEntities() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < chains; i += Math.max(1, chains / 500)) {
            out.add("api:default/schema-" + i);
            out.add("resource:default/topic-" + i);
            out.add("component:default/job-" + i);
            out.add("resource:default/table-" + i);
            out.add("resource:default/agg-" + i);
        }
        return out;
    }

    public int entityCount() {
        return 1 + departments + teams + users + 2 * domains + systems + 5 * chains + responsibilityCount()
                + policyCount();
    }

    private int responsibilityCount() {
        return CHANGES.size() + DUTIES.size();
    }

    private int policyCount() {
        return 2 + domains + (systems + 9) / 10 + (chains + 99) / 100;
    }

    private void writeFiles(Path dir) throws IOException {
        List<String> docs = new ArrayList<>();
        docs.add(group("org", null, "organization"));
        for (int d = 0; d < departments; d++) docs.add(group("dept-" + d, "org", "department"));
        for (int t = 0; t < teams; t++) docs.add(group("team-" + t, "dept-" + (t % departments), "team"));
        for (int u = 0; u < users; u++) {
            docs.add(doc("User", "user-" + u, "memberOf: [team-" + (u % teams) + "]"));
        }
        write(dir, "org", docs);

        docs = new ArrayList<>();
        for (int d = 0; d < domains; d++) {
            docs.add(doc("Domain", "domain-" + d, "owner: dept-" + (d % departments)));
            docs.add(doc("Domain", "sub-" + d, "owner: dept-" + (d % departments) + "\nsubdomainOf: domain-" + d));
        }
        for (int s = 0; s < systems; s++) {
            docs.add(doc("System", "system-" + s, "owner: team-" + (s % teams) + "\ndomain: sub-" + (s % domains)));
        }
        write(dir, "structure", docs);

        docs = new ArrayList<>();
        for (int c = 0; c < chains; c++) {
            String team = "team-" + (c % teams);
            String system = "system-" + (c % systems);
            docs.add(doc("API", "schema-" + c, "type: avro\nlifecycle: production\nowner: " + team + "\nsystem: "
                    + system + "\ncompatibility: BACKWARD\ndefinition: '{\"type\":\"record\",\"name\":\"E" + c
                    + "\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}'"));
            docs.add(doc("Resource", "topic-" + c, "type: kafka-topic\nowner: " + team + "\nsystem: " + system
                    + "\npartitions: 12\nretention: {ms: 604800000}\ndependsOn: [api:schema-" + c + "]"));
            docs.add(doc("Component", "job-" + c, "type: flink-job\nlifecycle: production\nowner: team-"
                    + ((c + 1) % teams) + "\nsystem: " + system + "\nflinkVersion: \"1.20.1\"\nconsumesApis: [schema-"
                    + c + "]\ndependsOn: [resource:topic-" + c + "]"
                    + (c % 2 == 0 ? "\ncheckpointing: {interval: 60s, timeout: 10m}" : "")));
            docs.add(doc("Resource", "table-" + c, "type: iceberg-table\nowner: team-" + ((c + 2) % teams)
                    + "\nsystem: " + system + "\npartitioning: [\"days(event_ts)\", \"bucket(16, id)\"]\n"
                    + "dependsOn: [component:job-" + c + "]" + (c % 3 == 0 ? "\nretention: {days: 400}" : "")));
            docs.add(doc("Resource", "agg-" + c, "type: iceberg-table\nowner: team-" + ((c + 3) % teams)
                    + "\npartitioning: [\"days(day)\"]\ndependsOn: [resource:table-" + c + "]"));
            if (docs.size() >= DOCS_PER_FILE) {
                write(dir, "assets-" + c, docs);
                docs = new ArrayList<>();
            }
        }
        write(dir, "assets-last", docs);

        docs = new ArrayList<>();
        for (String r : CHANGES) docs.add(responsibility(r, "change", appliesTo(r), "spec." + r.replace('-', '.')));
        for (String r : DUTIES) docs.add(responsibility(r, "duty", appliesTo(r), null));
        docs.add(policy("defaults", null, "  - for: [\"*\"]\n    approvers: [owner]\n    responsible: [owner]\n"
                + "    informed: [group:team-0]"));
        docs.add(policy("schemas", null, "  - for: [schema-change]\n    approvers: [owner, consumers]\n"
                + "    consulted: [producers]"));
        for (int d = 0; d < domains; d++) {
            docs.add(policy("domain-" + d, "domain:domain-" + d, "  - for: [partition-evolution, table-layout]\n"
                    + "    approvers: [owner, {ref: group:dept-" + (d % departments) + ", min: 2}]"));
        }
        for (int s = 0; s < systems; s += 10) {
            docs.add(policy("system-" + s, "system:system-" + s, "  - for: [retention-change]\n"
                    + "    approvers: [{ref: team-" + (s % teams) + ", min: 2}]\n    inherit: false"));
        }
        for (int c = 0; c < chains; c += 100) {
            docs.add(policy("table-" + c, "resource:table-" + c, "  - for: [partition-evolution]\n"
                    + "    approvers: [group:dept-0]\n    runbook: special.md"));
        }
        docs.addAll(checklists());
        write(dir, "governance", docs);

        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        for (String r : CHANGES) Files.writeString(runbooks.resolve(r + ".md"), "# " + r + "\n");
        for (String r : DUTIES) Files.writeString(runbooks.resolve(r + ".md"), "# " + r + "\n");
        Files.writeString(runbooks.resolve("special.md"), "# special\n");
    }

    /**
     * Three readiness checklists over the chains' jobs, tables and schemas, with rule checks of every
     * shape the example catalog uses (field tests, durations, who(), lineage) and attestations.
     */
    static List<String> checklists() {
        String head = "apiVersion: steward.dev/v1alpha1\nkind: ReadinessChecklist\nmetadata:\n  name: %s\nspec:\n"
                + "  appliesTo: [%s]\n  levels: [bronze, silver, gold]\n  gate: bronze\n  checks:\n";
        String job = head.formatted("streaming-job", "component:flink-job")
                + "    - {id: version-declared, level: bronze, rule: \"has(entity.spec.flinkVersion)\"}\n"
                + "    - {id: rca-owner, level: bronze, rule: \"who('incident-rca') == 'ok'\"}\n"
                + "    - {id: checkpointing, level: silver, rule: \"has(entity.spec.checkpointing) && "
                + "duration(entity.spec.checkpointing.interval) < duration(entity.spec.checkpointing.timeout)\"}\n"
                + "    - {id: schema-alignment, level: silver, rule: \"producers().filter(p, p.kind == 'API')"
                + ".all(a, has(a.spec.compatibility) && a.spec.compatibility != 'NONE')\"}\n"
                + "    - {id: restore-tested, level: gold, attest: {by: 'responsible:checkpoint-health', validFor: 30d, "
                + "voidOn: [spec.flinkVersion]}}\n";
        String table = head.formatted("iceberg-table", "resource:iceberg-table")
                + "    - {id: partition-naming, level: bronze, rule: \"entity.spec.partitioning.all(p, "
                + "p.matches('^(days|hours|bucket|identity)[(].*[)]$'))\"}\n"
                + "    - {id: compaction-owner, level: bronze, rule: \"who('compaction') == 'ok'\"}\n"
                + "    - {id: retention, level: silver, rule: \"has(entity.spec.retention)\"}\n"
                + "    - {id: maintenance-verified, level: gold, attest: {by: owner, validFor: 30d}}\n";
        String schema = head.formatted("avro-schema", "api:avro")
                + "    - {id: version-policy, level: bronze, rule: \"entity.spec.compatibility in ['BACKWARD', "
                + "'FORWARD', 'FULL']\"}\n"
                + "    - {id: producers-declared, level: silver, rule: \"consumers().exists(c, c.spec.type == 'kafka-topic')\"}\n"
                + "    - {id: contract-tests, level: gold, attest: {by: 'approvers:schema-change', validFor: 90d}}\n";
        return List.of(job, table, schema);
    }

    private static String appliesTo(String responsibility) {
        return switch (responsibility) {
            case "schema-change" -> "[api:avro]";
            case "partition-evolution", "table-layout", "compaction" -> "[resource:iceberg-table]";
            case "flink-upgrade", "checkpoint-health", "canary-rollout" -> "[component:flink-job]";
            case "retention-change" -> "[resource:kafka-topic, resource:iceberg-table]";
            default -> null;
        };
    }

    private static String group(String name, String parent, String type) {
        return doc("Group", name, "type: " + type + "\nchildren: []" + (parent == null ? "" : "\nparent: " + parent));
    }

    private static String responsibility(String name, String type, String appliesTo, String detect) {
        return "apiVersion: steward.dev/v1alpha1\nkind: Responsibility\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  type: " + type + "\n" + (appliesTo == null ? "" : "  appliesTo: " + appliesTo + "\n")
                + (detect == null ? "" : "  detect: [" + detect + "]\n") + "  runbook: " + name + ".md\n";
    }

    private static String policy(String name, String scope, String rules) {
        return "apiVersion: steward.dev/v1alpha1\nkind: OwnershipPolicy\nmetadata:\n  name: " + name + "\nspec:\n"
                + (scope == null ? "" : "  scope: " + scope + "\n") + "  rules:\n" + rules.indent(2);
    }

    private static String doc(String kind, String name, String spec) {
        return "apiVersion: backstage.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n"
                + spec.indent(2);
    }

    private static void write(Path dir, String name, List<String> docs) throws IOException {
        if (docs.isEmpty()) return;
        Path folder = Files.createDirectories(dir.resolve("catalog-yaml"));
        Files.writeString(folder.resolve(name + ".yaml"), String.join("---\n", docs), StandardCharsets.UTF_8);
    }
}

package dev.steward.catalog;

import dev.steward.catalog.yaml.SafeYamlReader;
import dev.steward.catalog.yaml.YamlDocument;
import dev.steward.catalog.yaml.YamlFile;
import dev.steward.catalog.yaml.YamlLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Catalog} from the files of one revision: reads every manifest safely (in
 * parallel), turns documents into entities, responsibilities and policies, then runs the
 * whole-catalog checks. One bad file never hides the problems of another.
 */
public final class ManifestLoader {
    private final SafeYamlReader reader;
    private final Clock clock;

    public ManifestLoader(YamlLimits limits, Clock clock) {
        this.reader = new SafeYamlReader(limits);
        this.clock = clock;
    }

    public ManifestLoader() {
        this(YamlLimits.DEFAULT, Clock.systemUTC());
    }

    public Catalog load(SourceTree source) {
        List<FileEntities> files = source.catalogFiles().parallelStream().map(this::readFile).toList();

        Findings findings = new Findings();
        findings.addAll(source.problems());
        Map<EntityRef, ParsedEntity> byRef = new LinkedHashMap<>();
        List<ParsedEntity> all = new ArrayList<>();
        for (FileEntities file : files) {
            findings.addAll(file.findings.problems());
            for (ParsedEntity parsed : file.entities) {
                ParsedEntity first = byRef.putIfAbsent(parsed.entity().ref(), parsed);
                if (first != null) {
                    findings.error(parsed.entity().source(), "duplicate entity " + parsed.entity().ref()
                            + "; also defined at " + first.entity().source());
                } else {
                    all.add(parsed);
                }
            }
        }

        Map<EntityRef, Entity> entities = new HashMap<>(byRef.size() * 2);
        Map<String, Responsibility> responsibilities = new HashMap<>();
        Map<String, SourceLocation> responsibilitySources = new HashMap<>();
        Responsibility.BUILT_IN.forEach(n -> responsibilities.put(n, Responsibility.builtIn(n)));
        Runbooks runbooks = new Runbooks(source.runbooksRoot(), source.runbooks());
        List<OwnershipPolicy> policies = new ArrayList<>();
        Map<EntityRef, ParsedEntity> policySources = new HashMap<>();
        for (ParsedEntity parsed : all) {
            Entity entity = parsed.entity();
            entities.put(entity.ref(), entity);
            if (entity.isKind(EntityReader.RESPONSIBILITY)) {
                Responsibility r = StewardKindsReader.responsibility(parsed, runbooks, findings);
                if (r == null) continue;
                SourceLocation earlier = responsibilitySources.putIfAbsent(r.name(), entity.source());
                if (earlier != null) {
                    findings.error(entity.source(), "duplicate responsibility '" + r.name()
                            + "'; also defined at " + earlier);
                } else {
                    responsibilities.put(r.name(), r);
                }
            } else if (entity.isKind(EntityReader.OWNERSHIP_POLICY)) {
                OwnershipPolicy policy = StewardKindsReader.policy(parsed, runbooks, findings);
                if (policy != null) {
                    policies.add(policy);
                    policySources.put(policy.ref(), parsed);
                }
            }
        }

        Catalog catalog = new Catalog(source.revision(), clock.instant(), entities, Relations.build(entities),
                GroupMembership.build(entities), Lineage.build(entities), responsibilities,
                PolicyIndex.build(policies), runbooks, List.of());
        CatalogChecks.run(catalog, all, policySources, findings);
        return catalog.withProblems(findings.problems());
    }

    private FileEntities readFile(SourceFile file) {
        YamlFile yaml = reader.read(file.path(), file.content());
        Findings findings = new Findings();
        findings.addAll(yaml.problems());
        List<ParsedEntity> entities = new ArrayList<>();
        for (YamlDocument document : yaml.documents()) {
            ParsedEntity parsed = EntityReader.read(document, file.path(), findings);
            if (parsed != null) entities.add(parsed);
        }
        return new FileEntities(entities, findings);
    }

    private record FileEntities(List<ParsedEntity> entities, Findings findings) {
    }
}

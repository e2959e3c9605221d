package dev.steward.catalog.load;

import dev.steward.catalog.FileLoad;
import dev.steward.catalog.check.Findings;
import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.load.yaml.YamlDocument;
import dev.steward.catalog.load.yaml.YamlFile;
import dev.steward.catalog.model.Definition;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.OwnershipPolicy;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.RepoFiles;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.SourceFile;
import dev.steward.catalog.model.StewardKinds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one manifest file on its own into a {@link FileLoad}: placeholders resolved, each document
 * read as an entity (and as Steward's own kinds), Location targets followed, plugins' validators run.
 */
public final class FileReader {
    private FileReader() {
    }

    public static FileLoad read(SourceFile file, SafeYamlReader reader) {
        return read(file, reader, RepoFiles.NONE, EntityValidation.NONE);
    }

    public static FileLoad read(SourceFile file, SafeYamlReader reader, RepoFiles repo, EntityValidation validation) {
        if (file.content() == null) {
            return new FileLoad(file.path(), file.id(), null, List.of(), List.of(file.problem()), Map.of(), Set.of(),
                    List.of(), false);
        }
        YamlFile yaml = reader.read(file.path(), file.content());
        Findings findings = new Findings();
        findings.addAll(yaml.problems());
        Map<String, String> dependencies = new HashMap<>();
        Set<String> dataFiles = new LinkedHashSet<>();
        List<String> targets = new ArrayList<>();
        List<Definition> definitions = new ArrayList<>();
        for (YamlDocument document : yaml.documents()) {
            Object root = new Placeholders(file.path(), document.lines(), repo, reader, findings, dependencies,
                    dataFiles).resolve(document.root(), "");
            if (root != document.root()) document = new YamlDocument(root, document.lines(), document.line());
            EntityReader.Read read = EntityReader.read(document, file.path(), findings);
            if (read == null) continue;
            Entity entity = read.entity();
            Responsibility responsibility = null;
            OwnershipPolicy policy = null;
            ReadinessChecklist checklist = null;
            if (entity.isKind(StewardKinds.RESPONSIBILITY)) {
                responsibility = StewardKindsReader.responsibility(read, findings);
            } else if (entity.isKind(StewardKinds.OWNERSHIP_POLICY)) {
                policy = StewardKindsReader.policy(read, findings);
            } else if (entity.isKind(StewardKinds.READINESS_CHECKLIST)) {
                checklist = ChecklistReader.read(read, findings);
            } else if (entity.isKind("location")) {
                targets.addAll(LocationTargets.of(read, repo, findings, dependencies));
            }
            findings.addAll(validation.validate(entity, read.lines()::lineOf));
            definitions.add(new Definition(entity, responsibility, policy, checklist));
        }
        return new FileLoad(file.path(), file.id(), file.content(), List.copyOf(definitions),
                List.copyOf(findings.problems()), Map.copyOf(dependencies), Set.copyOf(dataFiles), List.copyOf(targets),
                false);
    }
}

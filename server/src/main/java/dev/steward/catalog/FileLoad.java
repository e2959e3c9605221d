package dev.steward.catalog;

import dev.steward.catalog.yaml.SafeYamlReader;
import dev.steward.catalog.yaml.YamlDocument;
import dev.steward.catalog.yaml.YamlFile;
import java.util.ArrayList;
import java.util.List;

/**
 * One manifest file read on its own: the entities it defines and the problems found in it alone.
 * Kept in the snapshot, with the file's bytes, so a reload re-reads only files whose id changed,
 * and so a later check can find the line of any field by reading the file again.
 */
record FileLoad(String path, String id, byte[] content, List<Definition> definitions, List<Problem> problems) {

    /**
     * This load, with each definition that is identical in {@code previous} (same ref, same line,
     * same document) replaced by the previous object, so an edit to one entity of a large file
     * changes one entity, not all of them.
     */
    FileLoad keepingUnchanged(FileLoad previous) {
        if (previous == null || previous.definitions().isEmpty()) return this;
        java.util.Map<SourceLocation, Definition> old = new java.util.HashMap<>();
        previous.definitions().forEach(d -> old.put(d.entity().source(), d));
        List<Definition> out = new ArrayList<>(definitions.size());
        for (Definition d : definitions) {
            Definition same = old.get(d.entity().source());
            boolean unchanged = same != null && same.ref().equals(d.ref())
                    && same.entity().document().equals(d.entity().document());
            out.add(unchanged ? same : d);
        }
        return new FileLoad(path, id, content, List.copyOf(out), problems);
    }

    static FileLoad read(SourceFile file, SafeYamlReader reader) {
        if (file.content() == null) {
            return new FileLoad(file.path(), file.id(), null, List.of(), List.of(file.problem()));
        }
        YamlFile yaml = reader.read(file.path(), file.content());
        Findings findings = new Findings();
        findings.addAll(yaml.problems());
        List<Definition> definitions = new ArrayList<>();
        for (YamlDocument document : yaml.documents()) {
            EntityReader.Read read = EntityReader.read(document, file.path(), findings);
            if (read == null) continue;
            Entity entity = read.entity();
            Responsibility responsibility = null;
            OwnershipPolicy policy = null;
            if (entity.isKind(EntityReader.RESPONSIBILITY)) {
                responsibility = StewardKindsReader.responsibility(read, findings);
            } else if (entity.isKind(EntityReader.OWNERSHIP_POLICY)) {
                policy = StewardKindsReader.policy(read, findings);
            }
            definitions.add(new Definition(entity, responsibility, policy));
        }
        return new FileLoad(file.path(), file.id(), file.content(), List.copyOf(definitions),
                List.copyOf(findings.problems()));
    }
}

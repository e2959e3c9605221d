package dev.steward.catalog;

import dev.steward.catalog.model.Definition;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.RepoFiles;
import dev.steward.catalog.model.SourceFile;
import dev.steward.catalog.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One manifest file read on its own: the entities it defines and the problems found in it alone.
 * Kept in the snapshot, with the file's bytes, so a reload re-reads only files whose id changed,
 * and so a later check can find the line of any field by reading the file again.
 *
 * <p>{@code dependencies} are the other files the read looked at (placeholder files, Location
 * targets) with their ids then, so a reload can tell when it must read this file again;
 * {@code dataFiles} are the placeholder files, which are data, not manifests; {@code targets} the
 * files its Locations include. A {@code data} load is a file some placeholder reads: it defines nothing.
 */
public record FileLoad(String path, String id, byte[] content, List<Definition> definitions, List<Problem> problems,
                       Map<String, String> dependencies, Set<String> dataFiles, List<String> targets, boolean data) {

    /** What a reload needs to read a file again: itself. */
    public SourceFile source() {
        return SourceFile.of(path, id, content);
    }

    /** The same file as a placeholder's data: no entities, no problems. */
    public FileLoad asData() {
        return new FileLoad(path, id, content, List.of(), List.of(), Map.of(), Set.of(), List.of(), true);
    }

    /** True when a file this load looked at has changed since. */
    public boolean dependsOnChange(RepoFiles repo) {
        for (Map.Entry<String, String> d : dependencies.entrySet()) {
            if (!Objects.equals(String.valueOf(repo.id(d.getKey())), d.getValue())) return true;
        }
        return false;
    }

    /**
     * This load, with each definition that is identical in {@code previous} (same ref, same line,
     * same document) replaced by the previous object, so an edit to one entity of a large file
     * changes one entity, not all of them.
     */
    public FileLoad keepingUnchanged(FileLoad previous) {
        if (previous == null || previous.definitions().isEmpty()) return this;
        Map<SourceLocation, Definition> old = new HashMap<>();
        previous.definitions().forEach(d -> old.put(d.entity().source(), d));
        List<Definition> out = new ArrayList<>(definitions.size());
        for (Definition d : definitions) {
            Definition same = old.get(d.entity().source());
            boolean unchanged = same != null && same.ref().equals(d.ref())
                    && same.entity().document().equals(d.entity().document());
            out.add(unchanged ? same : d);
        }
        return new FileLoad(path, id, content, List.copyOf(out), problems, dependencies, dataFiles, targets, data);
    }
}

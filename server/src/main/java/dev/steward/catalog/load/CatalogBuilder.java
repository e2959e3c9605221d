package dev.steward.catalog.load;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.FileLoad;
import dev.steward.catalog.GroupMembership;
import dev.steward.catalog.PolicyIndex;
import dev.steward.catalog.check.CatalogChecks;
import dev.steward.catalog.check.Lines;
import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.model.Definition;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.RepoFiles;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.SourceDelta;
import dev.steward.catalog.model.SourceFile;
import dev.steward.catalog.model.StewardKinds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a {@link SourceDelta} to a snapshot and gives the next one. Only changed files are read;
 * indexes are updated for the entities that changed; checks run again only where a change can
 * reach. A full load is the same code applied to the empty catalog, which is what makes an
 * incremental reload equal to a full one.
 */
public final class CatalogBuilder {
    private final SafeYamlReader reader;
    private final int runbookMaxAgeDays;
    private final EntityValidation validation;

    CatalogBuilder(SafeYamlReader reader, int runbookMaxAgeDays, EntityValidation validation) {
        this.reader = reader;
        this.runbookMaxAgeDays = runbookMaxAgeDays;
        this.validation = validation;
    }

    /** The files of the next snapshot, and the definitions that left and came with the change. */
    private record FileChanges(Map<String, FileLoad> files, List<Definition> removed, List<Definition> added) {
    }

    /** The entities whose winning definition changed: those that went and those that came. */
    private record EntityChanges(List<Entity> gone, List<Entity> came) {
        boolean touchKind(String kind) {
            return touchesKind(gone, came, kind);
        }
    }

    Catalog apply(Catalog previous, SourceDelta delta, Instant now) {
        Catalog base = delta.full() || previous == null ? Catalog.empty(null, List.of()) : previous;
        RepoFiles repo = delta.repo() == null ? RepoFiles.NONE : delta.repo();
        FileChanges changes = readChanged(base, delta, repo);
        // Winners: where several files define a ref, the first by path and line is the entity.
        Winners winners = new Winners(base);
        winners.apply(changes.removed(), changes.added());
        EntityChanges entities = entityChanges(base, winners);
        Catalog next = indexed(base, delta, now, changes, winners, entities);
        return checked(base, next, changes.files(), winners, entities, now);
    }

    /** Drops deleted and changed files, reads the changed ones (and those whose dependencies changed). */
    private FileChanges readChanged(Catalog base, SourceDelta delta, RepoFiles repo) {
        Map<String, FileLoad> files = new HashMap<>(base.files());
        List<Definition> removed = new ArrayList<>();
        for (String path : delta.deletedFiles()) {
            FileLoad old = files.remove(path);
            if (old != null) removed.addAll(old.definitions());
        }
        Map<String, SourceFile> toRead = new LinkedHashMap<>();
        for (SourceFile file : delta.files()) {
            FileLoad old = files.get(file.path());
            if (old != null && old.id().equals(file.id())) continue;
            if (old != null) removed.addAll(old.definitions());
            toRead.put(file.path(), file);
        }
        // A file whose placeholders or Location targets read a file that changed is read again.
        for (FileLoad file : files.values()) {
            if (file.dependencies().isEmpty() || toRead.containsKey(file.path()) || !file.dependsOnChange(repo)) continue;
            removed.addAll(file.definitions());
            toRead.put(file.path(), file.source());
        }
        List<FileLoad> read = toRead.values().parallelStream()
                .map(f -> FileReader.read(f, reader, repo, validation)).toList();
        List<Definition> added = new ArrayList<>();
        for (FileLoad file : read) {
            file = file.keepingUnchanged(base.files().get(file.path()));
            files.put(file.path(), file);
            added.addAll(file.definitions());
        }
        settle(files, repo, delta.catalogRoot(), removed, added);
        // A definition that is the same object before and after did not change: leave it alone.
        Set<Definition> wasThere = Collections.newSetFromMap(new IdentityHashMap<>());
        wasThere.addAll(removed);
        Set<Definition> isThere = Collections.newSetFromMap(new IdentityHashMap<>());
        isThere.addAll(added);
        removed.removeIf(isThere::contains);
        added.removeIf(wasThere::contains);
        return new FileChanges(files, removed, added);
    }

    private static EntityChanges entityChanges(Catalog base, Winners winners) {
        List<Entity> gone = new ArrayList<>();
        List<Entity> came = new ArrayList<>();
        for (EntityRef ref : winners.touched) {
            Entity before = base.entity(ref);
            Entity after = winners.entities.get(ref);
            if (before == after) continue;
            if (before != null) gone.add(before);
            if (after != null) came.add(after);
        }
        return new EntityChanges(gone, came);
    }

    /** The next snapshot, its indexes updated for the entities that changed (and rebuilt where cheaper). */
    private Catalog indexed(Catalog base, SourceDelta delta, Instant now, FileChanges changes, Winners winners,
                            EntityChanges changed) {
        List<Entity> gone = changed.gone();
        List<Entity> came = changed.came();
        boolean people = changed.touchKind("group") || changed.touchKind("user");
        boolean steward = changed.touchKind(StewardKinds.RESPONSIBILITY) || changed.touchKind(StewardKinds.OWNERSHIP_POLICY)
                || changed.touchKind(StewardKinds.READINESS_CHECKLIST);
        Map<EntityRef, Entity> entities = winners.entities.freeze();
        Map<EntityRef, Definition> stewardDefinitions = steward
                ? Collections.unmodifiableMap(winners.steward) : base.stewardDefinitions();
        Map<String, Responsibility> responsibilities = steward
                ? SnapshotIndexes.responsibilities(stewardDefinitions.values()) : SnapshotIndexes.responsibilityMap(base);
        PolicyIndex policies = steward ? PolicyIndex.build(stewardDefinitions.values().stream()
                .map(Definition::policy).filter(Objects::nonNull).toList()) : base.policies();
        Map<String, ReadinessChecklist> checklists = steward ? SnapshotIndexes.checklists(stewardDefinitions.values()) : base.checklistMap();
        return new Catalog(new Catalog.Parts(delta.revision(), now, delta.catalogRoot(),
                Collections.unmodifiableMap(changes.files()), entities, Collections.unmodifiableMap(winners.shadowed),
                stewardDefinitions, SnapshotIndexes.sorted(base.entities(), gone, came), base.relations().update(gone, came),
                people ? GroupMembership.build(entities) : base.groups(), base.lineage().update(gone, came),
                responsibilities, policies, checklists, SnapshotIndexes.runbooks(base, delta), Map.of(), List.of()));
    }

    /** Ref checks where a change can reach (and where a near miss may now have a hint), everything global again. */
    private Catalog checked(Catalog base, Catalog next, Map<String, FileLoad> files, Winners winners,
                            EntityChanges changed, Instant now) {
        Set<EntityRef> recheck = new LinkedHashSet<>(base.refProblems().keySet()); // hints name near misses anew
        changed.came().forEach(e -> recheck.add(e.ref()));
        changed.gone().forEach(e -> recheck.add(e.ref()));
        for (EntityRef ref : winners.touched) {
            boolean existed = base.entity(ref) != null;
            boolean exists = next.entity(ref) != null;
            if (existed != exists) recheck.addAll(next.relations().referrers(ref));
        }
        Lines lines = new Lines(files, reader);
        Map<EntityRef, List<Problem>> refProblems = CatalogChecks.refProblems(next, base.refProblems(), recheck, lines);
        List<Problem> problems = new ArrayList<>();
        files.values().forEach(f -> problems.addAll(f.problems()));
        refProblems.values().forEach(problems::addAll);
        problems.addAll(CatalogChecks.global(next, lines, LocalDate.ofInstant(now, ZoneOffset.UTC),
                runbookMaxAgeDays));
        return next.withProblems(refProblems, problems);
    }

    /**
     * Follows Location targets outside the catalog folder (and drops those no longer targeted), and
     * makes the files that placeholders read data rather than manifests, until nothing moves.
     */
    private void settle(Map<String, FileLoad> files, RepoFiles repo, String catalogRoot, List<Definition> removed,
                        List<Definition> added) {
        for (int round = 0; round < 64; round++) {
            Set<String> data = new HashSet<>();
            Set<String> external = new HashSet<>();
            for (FileLoad f : files.values()) {
                if (f.data()) continue;
                data.addAll(f.dataFiles());
                f.targets().stream().filter(t -> !under(t, catalogRoot)).forEach(external::add);
            }
            boolean moved = false;
            for (String path : external) {
                FileLoad have = files.get(path);
                String id = repo.id(path);
                if (id == null || have != null && have.id().equals(id)) continue;
                if (have != null) removed.addAll(have.definitions());
                long size = repo.size(path);
                SourceFile source = size > reader.limits().maxFileBytes()
                        ? SourceFile.unreadable(path, id, Problem.error(path, 1,
                                SafeYamlReader.tooLarge(size, reader.limits().maxFileBytes())))
                        : SourceFile.of(path, id, repo.read(path));
                FileLoad load = FileReader.read(source, reader, repo, validation).keepingUnchanged(have);
                files.put(path, load);
                added.addAll(load.definitions());
                moved = true;
            }
            for (String path : List.copyOf(files.keySet())) {
                if (under(path, catalogRoot) || external.contains(path)) continue;
                removed.addAll(files.remove(path).definitions());
                moved = true;
            }
            for (FileLoad f : List.copyOf(files.values())) {
                if (!f.data() && data.contains(f.path()) && f.content() != null) {
                    removed.addAll(f.definitions());
                    files.put(f.path(), f.asData());
                    moved = true;
                } else if (f.data() && !data.contains(f.path())) {
                    FileLoad load = FileReader.read(f.source(), reader, repo, validation);
                    files.put(f.path(), load);
                    added.addAll(load.definitions());
                    moved = true;
                }
            }
            if (!moved) return;
        }
    }

    private static boolean under(String path, String root) {
        return root == null || root.isEmpty() || path.startsWith(root + "/");
    }

    private static boolean touchesKind(List<Entity> gone, List<Entity> came, String kind) {
        return gone.stream().anyMatch(e -> e.isKind(kind)) || came.stream().anyMatch(e -> e.isKind(kind));
    }
}

package dev.steward.catalog.load;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.FileLoad;
import dev.steward.catalog.GroupMembership;
import dev.steward.catalog.PolicyIndex;
import dev.steward.catalog.Runbooks;
import dev.steward.catalog.ShardedMap;
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
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
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

    /** Definitions in winning order: by path, then line. */
    Catalog apply(Catalog previous, SourceDelta delta, Instant now) {
        Catalog base = delta.full() || previous == null ? Catalog.empty(null, List.of()) : previous;

        // 1. Files: drop deleted and changed ones, read the changed ones.
        Map<String, FileLoad> files = new HashMap<>(base.files());
        List<Definition> removed = new ArrayList<>();
        for (String path : delta.deletedFiles()) {
            FileLoad old = files.remove(path);
            if (old != null) removed.addAll(old.definitions());
        }
        RepoFiles repo = delta.repo() == null ? RepoFiles.NONE : delta.repo();
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

        // 2. Winners: where several files define a ref, the first by path and line is the entity.
        Winners winners = new Winners(base);
        winners.apply(removed, added);

        // 3. Indexes, updated for the entities that changed.
        List<Entity> gone = new ArrayList<>();
        List<Entity> came = new ArrayList<>();
        for (EntityRef ref : winners.touched) {
            Entity before = base.entity(ref);
            Entity after = winners.entities.get(ref);
            if (before == after) continue;
            if (before != null) gone.add(before);
            if (after != null) came.add(after);
        }
        boolean people = touchesKind(gone, came, "group") || touchesKind(gone, came, "user");
        boolean steward = touchesKind(gone, came, StewardKinds.RESPONSIBILITY)
                || touchesKind(gone, came, StewardKinds.OWNERSHIP_POLICY)
                || touchesKind(gone, came, StewardKinds.READINESS_CHECKLIST);
        Map<EntityRef, Entity> entities = winners.entities.freeze();
        Map<EntityRef, Definition> stewardDefinitions = steward
                ? Collections.unmodifiableMap(winners.steward) : base.stewardDefinitions();
        Map<String, Responsibility> responsibilities = steward
                ? responsibilities(stewardDefinitions.values()) : responsibilityMap(base);
        PolicyIndex policies = steward ? PolicyIndex.build(stewardDefinitions.values().stream()
                .map(Definition::policy).filter(Objects::nonNull).toList()) : base.policies();
        Map<String, ReadinessChecklist> checklists = steward ? checklists(stewardDefinitions.values()) : base.checklistMap();
        Runbooks runbooks = runbooks(base, delta);

        Catalog next = new Catalog(delta.revision(), now, delta.catalogRoot(), Collections.unmodifiableMap(files),
                entities, Collections.unmodifiableMap(winners.shadowed), stewardDefinitions,
                sorted(base.entities(), gone, came), base.relations().update(gone, came),
                people ? GroupMembership.build(entities) : base.groups(), base.lineage().update(gone, came),
                responsibilities, policies, checklists, runbooks, Map.of(), List.of());

        // 4. Checks: ref checks where a change can reach, everything global again.
        Set<EntityRef> recheck = new LinkedHashSet<>(base.refProblems().keySet()); // hints name near misses anew
        came.forEach(e -> recheck.add(e.ref()));
        gone.forEach(e -> recheck.add(e.ref()));
        for (EntityRef ref : winners.touched) {
            boolean existed = base.entity(ref) != null;
            boolean exists = entities.containsKey(ref);
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

    /** Built-ins, then each responsibility entity by name; the first definition of a name wins. */
    static Map<String, Responsibility> responsibilities(Collection<Definition> stewardDefinitions) {
        Map<String, Responsibility> out = new HashMap<>();
        Responsibility.BUILT_IN.forEach(n -> out.put(n, Responsibility.builtIn(n)));
        Set<String> defined = new HashSet<>();
        for (Definition d : Definition.inOrder(stewardDefinitions)) {
            Responsibility r = d.responsibility();
            if (r != null && defined.add(r.name())) out.put(r.name(), r);
        }
        return Map.copyOf(out);
    }

    /** Each checklist by name; the first definition of a name wins (a duplicate is an error in the checks). */
    static Map<String, ReadinessChecklist> checklists(Collection<Definition> stewardDefinitions) {
        Map<String, ReadinessChecklist> out = new HashMap<>();
        for (Definition d : Definition.inOrder(stewardDefinitions)) {
            ReadinessChecklist c = d.checklist();
            if (c != null) out.putIfAbsent(c.name(), c);
        }
        return Map.copyOf(out);
    }

    private static Map<String, Responsibility> responsibilityMap(Catalog base) {
        Map<String, Responsibility> out = new HashMap<>();
        base.responsibilities().forEach(r -> out.put(r.name(), r));
        return Map.copyOf(out);
    }

    private static Runbooks runbooks(Catalog base, SourceDelta delta) {
        if (delta.full()) return new Runbooks(delta.runbooksRoot(), delta.runbooks());
        if (delta.runbooks().isEmpty() && delta.deletedRunbooks().isEmpty()) return base.runbooks();
        Map<String, byte[]> next = new HashMap<>();
        base.runbooks().paths().forEach(p -> next.put(p, base.runbooks().content(p)));
        delta.deletedRunbooks().forEach(next::remove);
        next.putAll(delta.runbooks());
        return new Runbooks(delta.runbooksRoot(), next);
    }

    /** The previous sorted list without the entities that went, with those that came. */
    private static List<Entity> sorted(List<Entity> previous, List<Entity> gone, List<Entity> came) {
        if (gone.isEmpty() && came.isEmpty()) return previous;
        Comparator<Entity> byRef = Comparator.comparing(Entity::ref);
        if (gone.size() + came.size() < 256) {
            // A small change: find each place by binary search in a copy.
            List<Entity> out = new ArrayList<>(previous);
            for (Entity e : gone) {
                int i = Collections.binarySearch(out, e, byRef);
                if (i >= 0 && out.get(i) == e) out.remove(i);
            }
            for (Entity e : came) {
                int i = Collections.binarySearch(out, e, byRef);
                out.add(i >= 0 ? i : -i - 1, e);
            }
            return Collections.unmodifiableList(out);
        }
        Set<Entity> goneSet = Collections.newSetFromMap(new IdentityHashMap<>());
        goneSet.addAll(gone);
        List<Entity> add = new ArrayList<>(came);
        add.sort(byRef);
        List<Entity> out = new ArrayList<>(previous.size() + add.size());
        int j = 0;
        for (Entity e : previous) {
            if (goneSet.contains(e)) continue;
            while (j < add.size() && add.get(j).ref().compareTo(e.ref()) < 0) out.add(add.get(j++));
            out.add(e);
        }
        while (j < add.size()) out.add(add.get(j++));
        return Collections.unmodifiableList(out);
    }

    /** The winning definition of each ref, and the duplicates it shadows, updated with a change. */
    private static final class Winners {
        final ShardedMap.Editor<EntityRef, Entity> entities;
        final Map<EntityRef, List<Definition>> shadowed;
        final Map<EntityRef, Definition> steward;
        final Set<EntityRef> touched = new LinkedHashSet<>();

        Winners(Catalog base) {
            entities = base.entityMap() instanceof ShardedMap<EntityRef, Entity> sharded
                    ? sharded.edit() : ShardedMap.<EntityRef, Entity>empty().edit();
            shadowed = new HashMap<>(base.shadowed());
            steward = new HashMap<>(base.stewardDefinitions());
        }

        void apply(List<Definition> removed, List<Definition> added) {
            for (Definition d : removed) {
                touched.add(d.ref());
                if (entities.get(d.ref()) == d.entity()) {
                    entities.remove(d.ref());
                    steward.remove(d.ref());
                } else {
                    List<Definition> rest = new ArrayList<>(shadowed.getOrDefault(d.ref(), List.of()));
                    rest.removeIf(s -> s.entity() == d.entity());
                    if (rest.isEmpty()) shadowed.remove(d.ref());
                    else shadowed.put(d.ref(), List.copyOf(rest));
                }
            }
            Map<EntityRef, List<Definition>> candidates = new HashMap<>();
            for (Definition d : added) {
                touched.add(d.ref());
                candidates.computeIfAbsent(d.ref(), k -> new ArrayList<>()).add(d);
            }
            for (EntityRef ref : touched) {
                List<Definition> all = new ArrayList<>();
                Entity current = entities.get(ref);
                if (current != null) all.add(steward.getOrDefault(ref, new Definition(current, null, null, null)));
                all.addAll(shadowed.getOrDefault(ref, List.of()));
                all.addAll(candidates.getOrDefault(ref, List.of()));
                if (all.isEmpty()) continue;
                all.sort(Definition.ORDER);
                Definition winner = all.get(0);
                entities.put(ref, winner.entity());
                if (winner.responsibility() != null || winner.policy() != null || winner.checklist() != null
                        || EntityReader.isStewardKind(winner.entity().ref().kind())) {
                    steward.put(ref, winner);
                } else {
                    steward.remove(ref);
                }
                if (all.size() == 1) shadowed.remove(ref);
                else shadowed.put(ref, List.copyOf(all.subList(1, all.size())));
            }
        }
    }
}

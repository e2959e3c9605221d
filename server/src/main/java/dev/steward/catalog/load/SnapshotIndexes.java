package dev.steward.catalog.load;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.Runbooks;
import dev.steward.catalog.model.Definition;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.SourceDelta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a snapshot that {@link CatalogBuilder} derives from the definitions: the responsibilities
 * and checklists by name, the runbooks, and the entities in ref order, each updated from the previous
 * snapshot rather than rebuilt where a change is small.
 */
final class SnapshotIndexes {
    private SnapshotIndexes() {
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

    static Map<String, Responsibility> responsibilityMap(Catalog base) {
        Map<String, Responsibility> out = new HashMap<>();
        base.responsibilities().forEach(r -> out.put(r.name(), r));
        return Map.copyOf(out);
    }

    static Runbooks runbooks(Catalog base, SourceDelta delta) {
        if (delta.full()) return new Runbooks(delta.runbooksRoot(), delta.runbooks());
        if (delta.runbooks().isEmpty() && delta.deletedRunbooks().isEmpty()) return base.runbooks();
        Map<String, byte[]> next = new HashMap<>();
        base.runbooks().paths().forEach(p -> next.put(p, base.runbooks().content(p)));
        delta.deletedRunbooks().forEach(next::remove);
        next.putAll(delta.runbooks());
        return new Runbooks(delta.runbooksRoot(), next);
    }

    /** The previous sorted list without the entities that went, with those that came. */
    static List<Entity> sorted(List<Entity> previous, List<Entity> gone, List<Entity> came) {
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
}

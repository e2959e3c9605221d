package dev.steward.catalog.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One entity as a file defines it, with the Steward model read from it when it is a Responsibility,
 * an OwnershipPolicy or a ReadinessChecklist. Two files may define the same ref; the first (by path, then line) wins.
 */
public record Definition(Entity entity, Responsibility responsibility, OwnershipPolicy policy,
                         ReadinessChecklist checklist) {
    /** By file, then line: the order in which the first of two definitions of a ref wins. */
    public static final Comparator<Definition> ORDER = Comparator
            .comparing((Definition d) -> d.entity().source().path())
            .thenComparingInt(d -> d.entity().source().line());

    public EntityRef ref() {
        return entity.ref();
    }

    /** {@code definitions} in {@link #ORDER}. */
    public static List<Definition> inOrder(Collection<Definition> definitions) {
        List<Definition> out = new ArrayList<>(definitions);
        out.sort(ORDER);
        return out;
    }
}

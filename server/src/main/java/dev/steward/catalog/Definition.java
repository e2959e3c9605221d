package dev.steward.catalog;

/**
 * One entity as a file defines it, with the Steward model read from it when it is a Responsibility,
 * an OwnershipPolicy or a ReadinessChecklist. Two files may define the same ref; the first (by path, then line) wins.
 */
record Definition(Entity entity, Responsibility responsibility, OwnershipPolicy policy, ReadinessChecklist checklist) {
    static final java.util.Comparator<Definition> ORDER = java.util.Comparator
            .comparing((Definition d) -> d.entity().source().path())
            .thenComparingInt(d -> d.entity().source().line());

    EntityRef ref() {
        return entity.ref();
    }
}

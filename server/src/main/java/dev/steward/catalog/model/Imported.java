package dev.steward.catalog.model;


/**
 * Entities written by {@code steward import} for live assets nobody had declared: they carry where
 * they came from, and a placeholder owner that {@code check} reports as an owner to set.
 */
public final class Imported {
    /** The annotation naming the platform source an entity was imported from. */
    public static final String FROM = "steward.dev/imported-from";
    /** The owner an imported entity gets until people set the real one. */
    public static final EntityRef NEEDS_OWNER = EntityRef.of("group", EntityRef.DEFAULT_NAMESPACE, "needs-owner");

    private Imported() {
    }

    /** The source an entity was imported from, or null. */
    public static String from(Entity entity) {
        return Values.string(Values.map(entity.metadata().get("annotations")).get(FROM));
    }
}

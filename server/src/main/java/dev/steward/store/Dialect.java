package dev.steward.store;

/** The databases Steward's store runs on; each has its own folder of migrations. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    String migrationsFolder() {
        return folder;
    }
}

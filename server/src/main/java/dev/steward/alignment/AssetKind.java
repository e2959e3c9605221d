package dev.steward.alignment;

import java.util.Locale;

/** The kinds of live asset a platform source reports, and the entity each is declared as. */
public enum AssetKind {
    KAFKA_TOPIC("resource", "kafka-topic"),
    ICEBERG_TABLE("resource", "iceberg-table"),
    FLINK_JOB("component", "flink-job"),
    SCHEMA("api", null);

    private final String entityKind;
    private final String entityType;

    AssetKind(String entityKind, String entityType) {
        this.entityKind = entityKind;
        this.entityType = entityType;
    }

    /** The entity kind that declares this asset (lowercase). */
    public String entityKind() {
        return entityKind;
    }

    /** The {@code spec.type} that declares it; null for schemas, which are any API type. */
    public String entityType() {
        return entityType;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

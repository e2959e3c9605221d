package dev.steward.alignment;

import dev.steward.catalog.model.EntityRef;
import java.time.Duration;
import java.util.List;

/**
 * A read-only connection to one platform system (a Kafka cluster, an Iceberg catalog, a Flink
 * cluster, a schema registry). {@link #observe} lists what is live; each call to the system must give
 * up after {@code timeout}. Credentials come from the environment, never from the settings file.
 */
public interface PlatformSource extends AutoCloseable {
    /** The name findings and metrics use, such as {@code kafka:resource:default/kafka-prod-eu1}. */
    String name();

    /** The cluster entity this source is configured for (Kafka, Flink), or null (catalogs, registries). */
    default EntityRef cluster() {
        return null;
    }

    /** The kinds of asset this source holds: what its absence makes {@code missing}. */
    List<AssetKind> holds();

    /** Everything live, or {@link SourceUnavailable} when the system cannot be reached or answers wrongly. */
    List<LiveAsset> observe(Duration timeout) throws SourceUnavailable;

    @Override
    default void close() {
    }

    /** The system could not be reached, or did not answer in time: its findings go stale, never empty. */
    final class SourceUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public SourceUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

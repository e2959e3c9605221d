package dev.steward.plugin;

/**
 * The root of Steward's plugin SPI. A plugin is a jar whose
 * {@code META-INF/services/dev.steward.plugin.StewardPlugin} names its implementation; Steward finds
 * it with {@link java.util.ServiceLoader}. Extension points are added as sub-interfaces in later
 * SPI versions; a plugin states the version it was written against so Steward can refuse one it
 * does not understand instead of misbehaving.
 */
public interface StewardPlugin {

    /** The SPI version this build of Steward implements. */
    int SPI_VERSION = 1;

    /** A short, stable name used in logs and error reports, e.g. {@code avro}. */
    String name();

    /** The SPI version the plugin was compiled against; defaults to the current one. */
    default int spiVersion() {
        return SPI_VERSION;
    }
}

package dev.steward.plugin;

/**
 * The root of Steward's plugin SPI. A plugin is a jar whose
 * {@code META-INF/services/dev.steward.plugin.StewardPlugin} names its implementation; Steward finds
 * it with {@link java.util.ServiceLoader}, among the built-ins and in the jars of {@code --plugins DIR}.
 *
 * <p>A plugin implements one or more extension points: {@link ChangeClassifier},
 * {@link EntityValidator}, {@link Notifier}. Steward calls them from its own threads, isolates every
 * call (an exception or an error is reported with the plugin's name, never thrown further), and
 * refuses a plugin whose {@link #spiVersion()} it does not implement.
 *
 * <p>Versioning: {@link #SPI_VERSION} grows when a method is added to an extension point. A new
 * method always comes with a default, so a plugin compiled against an older version keeps working.
 */
public interface StewardPlugin {

    /** The SPI version this build of Steward implements. */
    int SPI_VERSION = 1;

    /** A short, stable name used in logs, settings and error reports, e.g. {@code avro}. */
    String name();

    /** The SPI version the plugin was compiled against; defaults to the current one. */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /** Called once, before any other call, with the plugin's settings. */
    default void configure(PluginContext context) {
    }
}

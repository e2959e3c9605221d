package dev.steward.plugins;

import dev.steward.plugin.PluginContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's settings: the system property {@code steward.plugin.<name>.<key>}, else the environment
 * variable {@code STEWARD_PLUGIN_<NAME>_<KEY>} (upper case, {@code -} and {@code .} as {@code _}).
 */
final class PluginSettings implements PluginContext {
    private final String plugin;
    private final Map<String, String> environment;

    PluginSettings(String plugin, Map<String, String> environment) {
        this.plugin = plugin;
        this.environment = environment;
    }

    @Override
    public Optional<String> setting(String key) {
        String value = System.getProperty("steward.plugin." + plugin + "." + key);
        if (value == null) value = environment.get(envName(plugin, key));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    static String envName(String plugin, String key) {
        return ("STEWARD_PLUGIN_" + plugin + "_" + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}

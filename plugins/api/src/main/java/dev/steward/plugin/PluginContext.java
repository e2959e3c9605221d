package dev.steward.plugin;

import java.util.Optional;

/**
 * What Steward gives a plugin when it starts: its settings. A setting {@code url} of the plugin
 * {@code webhook-notifier} comes from the system property {@code steward.plugin.webhook-notifier.url}
 * or, failing that, the environment variable {@code STEWARD_PLUGIN_WEBHOOK_NOTIFIER_URL}.
 */
public interface PluginContext {

    /** The setting, if it is set and not blank. */
    Optional<String> setting(String key);
}

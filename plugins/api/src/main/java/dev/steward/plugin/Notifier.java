package dev.steward.plugin;

/**
 * Told about events as they happen. Steward calls {@link #notify} from a background thread, never on
 * a request; a slow notifier delays other notifications, not answers.
 */
public interface Notifier extends StewardPlugin {

    void notify(Event event);
}

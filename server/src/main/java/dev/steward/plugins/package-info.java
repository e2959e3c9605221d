/**
 * Plugins: finds them with {@link java.util.ServiceLoader} among the built-ins and in the jars of
 * {@code --plugins DIR}, and calls them so that none can take Steward down. See
 * {@link dev.steward.plugins.PluginHost}.
 */
package dev.steward.plugins;

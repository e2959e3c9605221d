/**
 * Steward's plugin SPI: small, versioned, with no dependencies, so a plugin compiles against this
 * module alone. See {@link dev.steward.plugin.StewardPlugin}.
 */
package dev.steward.plugin;

package dev.steward.cli;

import dev.steward.catalog.Levenshtein;
import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.load.yaml.YamlDocument;
import dev.steward.catalog.load.yaml.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Where an option's value comes from when the command line does not give it, in this order: the
 * environment ({@code STEWARD_<OPTION>}, e.g. {@code STEWARD_PORT}, {@code STEWARD_DB_URL}), then
 * the configuration file ({@code steward.yaml}: {@code --config FILE}, {@code STEWARD_CONFIG}, or
 * {@code ./steward.yaml} when there is one), then the option's own default. So flags beat the
 * environment, which beats the file. A file key may sit at the top level or under a command's name
 * ({@code serve: {port: 8080}}), which wins for that command. Unknown keys are refused with their
 * line and the nearest known key, so a typo never silently does nothing.
 */
final class StewardConfig implements CommandLine.IDefaultValueProvider {
    /** Environment names that differ from the {@code STEWARD_<OPTION>} pattern. */
    private static final Map<String, String> ENV_ALIASES = Map.of("db", "STEWARD_DB_URL");
    static final String PLATFORM = "platform";

    private final Map<String, String> environment;
    private final Map<String, String> topLevel;
    private final Map<String, Map<String, String>> perCommand;

    private StewardConfig(Map<String, String> environment, Map<String, String> topLevel,
                          Map<String, Map<String, String>> perCommand) {
        this.environment = environment;
        this.topLevel = topLevel;
        this.perCommand = perCommand;
    }

    /** The environment variable for an option: {@code --catalog-path} → {@code STEWARD_CATALOG_PATH}. */
    static String envName(String option) {
        String key = key(option);
        return ENV_ALIASES.getOrDefault(key, "STEWARD_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static String key(String option) {
        return option.replaceFirst("^-+", "");
    }

    /**
     * Reads the configuration file named by {@code --config} in {@code args}, else by
     * {@code STEWARD_CONFIG}, else {@code ./steward.yaml} if it exists; a key that is no option of any
     * command of {@code cli} is refused.
     */
    static StewardConfig load(String[] args, Map<String, String> environment, CommandLine cli) throws ConfigException {
        Path file = file(args, environment);
        boolean named = named(args, environment) != null;
        Map<String, String> top = new LinkedHashMap<>();
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                if (named) throw new ConfigException(file + ": no such configuration file");
            } else {
                read(file, top, sections, knownOptions(cli), cli.getSubcommands().keySet());
            }
        }
        return new StewardConfig(environment, top, sections);
    }

    /** The configuration file: {@code --config}, else {@code STEWARD_CONFIG}, else ./steward.yaml if there is one. */
    static Path file(String[] args, Map<String, String> environment) {
        Path named = named(args, environment);
        if (named != null) return named;
        return Files.isRegularFile(Path.of("steward.yaml")) ? Path.of("steward.yaml") : null;
    }

    /** The file {@code --config} or {@code STEWARD_CONFIG} names, which must then exist; else null. */
    private static Path named(String[] args, Map<String, String> environment) {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) file = Path.of(args[i + 1]);
            else if (args[i].startsWith("--config=")) file = Path.of(args[i].substring("--config=".length()));
        }
        if (file == null && environment.get("STEWARD_CONFIG") != null) file = Path.of(environment.get("STEWARD_CONFIG"));
        return file;
    }

    private static void read(Path file, Map<String, String> top, Map<String, Map<String, String>> sections,
                             Set<String> known, Set<String> commands) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
        YamlFile yaml = new SafeYamlReader().read(file.toString(), bytes);
        if (!yaml.problems().isEmpty()) throw new ConfigException(yaml.problems().get(0).format());
        if (yaml.documents().isEmpty()) return;
        YamlDocument doc = yaml.documents().get(0);
        if (!(doc.root() instanceof Map<?, ?> root)) {
            throw new ConfigException(file + ":" + doc.line() + ": the configuration must be a map of settings");
        }
        for (Map.Entry<?, ?> e : root.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals(PLATFORM)) continue; // the platform sources: read whole by alignment's PlatformSettings
            if (commands.contains(key) && e.getValue() instanceof Map<?, ?> section) {
                Map<String, String> values = new LinkedHashMap<>();
                for (Map.Entry<?, ?> s : section.entrySet()) {
                    String k = String.valueOf(s.getKey());
                    check(file, doc, key + "." + k, k, known);
                    values.put(k, scalar(file, doc, key + "." + k, s.getValue()));
                }
                sections.put(key, values);
            } else {
                check(file, doc, key, key, known);
                top.put(key, scalar(file, doc, key, e.getValue()));
            }
        }
    }

    private static void check(Path file, YamlDocument doc, String path, String key, Set<String> known)
            throws ConfigException {
        if (known.contains(key)) return;
        String nearest = known.stream().filter(k -> Levenshtein.distance(k, key, 10) <= 3)
                .min(Comparator.comparingInt(k -> Levenshtein.distance(k, key, 10))).orElse(null);
        throw new ConfigException(file + ":" + doc.lines().lineOf(path) + ": unknown setting '" + key + "'"
                + (nearest != null ? "; did you mean '" + nearest + "'?" : ""));
    }

    private static String scalar(Path file, YamlDocument doc, String path, Object value) throws ConfigException {
        if (value instanceof List<?> list) return String.join(",", list.stream().map(String::valueOf).toList());
        if (value instanceof Map<?, ?>) {
            throw new ConfigException(file + ":" + doc.lines().lineOf(path) + ": " + path + " must be a value, not a map");
        }
        return value == null ? null : String.valueOf(value);
    }

    private static Set<String> knownOptions(CommandLine cli) {
        Set<String> out = new TreeSet<>();
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (o.longestName().startsWith("--") && !o.usageHelp() && !o.versionHelp()) {
                    out.add(key(o.longestName()));
                }
            }
        }
        out.remove("config");
        return out;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !option.longestName().startsWith("--")) return null;
        String key = key(option.longestName());
        if (key.equals("config")) return null;
        String env = environment.get(envName(key));
        if (env != null && !env.isBlank()) return env;
        String command = option.command() == null ? null : option.command().name();
        Map<String, String> section = command == null ? null : perCommand.get(command);
        if (section != null && section.containsKey(key)) return section.get(key);
        return topLevel.get(key);
    }

    /** A configuration that cannot be used, with the file and line at fault. */
    static final class ConfigException extends Exception {
        ConfigException(String message) {
            super(message);
        }
    }
}

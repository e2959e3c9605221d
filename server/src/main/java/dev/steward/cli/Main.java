package dev.steward.cli;

import dev.steward.alignment.PlatformSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code steward}: exit 0 when all is well, 1 for findings (an invalid catalog, missing approvals),
 * 2 for usage or I/O errors.
 */
@Command(name = "steward", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Ownership, sign-off and runbook registry for data platforms.",
        subcommands = {ServeCommand.class, CheckCommand.class, WhoCommand.class, ReadinessCommand.class, PlanCommand.class, CodeownersCommand.class,
                AlignCommand.class, ImportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    @CommandLine.Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Settings file (env STEWARD_CONFIG; default: ./steward.yaml if present). "
                    + "Flags beat environment variables (STEWARD_<OPTION>), which beat the file.")
    Path config;

    /** The environment the command runs in (credentials for platform sources come from here). */
    Map<String, String> environment = Map.of();
    /** The settings file in effect, or null: what sections beyond the flags' (such as platform:) come from. */
    Path configFile;

    /**
     * The {@code platform:} section of the settings file ({@link dev.steward.alignment.PlatformSettings#NONE}
     * without a file); a wrong setting is an IllegalArgumentException naming its file and line (exit 2).
     */
    PlatformSettings platform() throws IOException {
        if (configFile == null || !Files.isRegularFile(configFile)) {
            return PlatformSettings.NONE;
        }
        try {
            return PlatformSettings.read(configFile.toString(),
                    Files.readAllBytes(configFile));
        } catch (PlatformSettings.Invalid e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** As {@link #platform()}, for commands that need sources: none configured is a usage error. */
    PlatformSettings platformSources(String command) throws IOException {
        PlatformSettings settings = platform();
        if (settings.sources().isEmpty()) {
            throw new IllegalArgumentException(command + " needs platform sources (platform.sources) in steward.yaml or --config FILE");
        }
        return settings;
    }

    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE_OR_IO = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, with the given environment. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        Main main = new Main();
        main.environment = environment;
        main.configFile = StewardConfig.file(args, environment);
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        try {
            cli.setDefaultValueProvider(StewardConfig.load(args, environment, cli));
        } catch (StewardConfig.ConfigException e) {
            err.println("steward: " + e.getMessage());
            return USAGE_OR_IO;
        }
        cli.setExitCodeExceptionMapper(e -> USAGE_OR_IO);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e instanceof IOException || e instanceof IllegalArgumentException
                    ? e.getMessage() : e.toString();
            commandLine.getErr().println("steward: " + message);
            return USAGE_OR_IO;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"steward " + (v == null ? "dev" : v)};
        }
    }
}

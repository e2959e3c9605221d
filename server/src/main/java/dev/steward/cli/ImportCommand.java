package dev.steward.cli;

import dev.steward.alignment.AlignmentCheck;
import dev.steward.alignment.AlignmentScan;
import dev.steward.alignment.Importer;
import dev.steward.alignment.Observation;
import dev.steward.alignment.PlatformSettings;
import dev.steward.alignment.PlatformSource;
import dev.steward.alignment.Sources;
import dev.steward.catalog.Catalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code steward import}: manifests for the live assets of one source that no entity describes. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Writes Backstage manifests for the unmanaged assets of one platform source (one file), with the",
                "live values filled in and spec.owner left for people to set: `steward check` reports each of them",
                "as needing an owner. Exit 0 when written (or nothing to import), 2 when the source cannot be read."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Option(names = "--source", required = true, paramLabel = "NAME",
            description = "The source: its name as align prints it (kafka:resource:default/kafka-prod-eu1), or its kind when only one has it.")
    String name;

    @Option(names = "--out", defaultValue = "catalog-yaml/imported", paramLabel = "DIR",
            description = "Where the file goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PlatformSettings settings = main.platformSources("import");
        List<PlatformSource> all = Sources.connect(settings, main.environment);
        try {
            List<PlatformSource> chosen = all.stream().filter(s -> s.name().equals(name)).toList();
            if (chosen.isEmpty()) chosen = all.stream().filter(s -> s.name().startsWith(name + ":")).toList();
            if (chosen.size() != 1) {
                err.println("steward: --source " + name + " names " + (chosen.isEmpty() ? "no" : "more than one")
                        + " configured source; they are: " + all.stream().map(PlatformSource::name).toList());
                return Main.USAGE_OR_IO;
            }
            Catalog catalog = source.load(false);
            Observation o = AlignmentScan.observe(chosen, settings.timeout(), Clock.systemUTC()).get(0);
            if (!o.available()) {
                err.println("steward: source " + o.source() + " cannot be read: " + o.error());
                return Main.USAGE_OR_IO;
            }
            var findings = AlignmentCheck.check(catalog, List.of(o)).findings();
            long unmanaged = findings.stream().filter(f -> f.kind() == dev.steward.alignment.Finding.Kind.UNMANAGED).count();
            if (unmanaged == 0) {
                spec.commandLine().getOut().println("nothing to import: every asset of " + o.source() + " is described");
                return Main.OK;
            }
            Path file = Files.createDirectories(out).resolve(Importer.name(o.source()) + ".yaml");
            Files.writeString(file, Importer.manifests(o.source(), o.assets(), findings));
            spec.commandLine().getOut().printf("wrote %d entit%s to %s: set each spec.owner%n", unmanaged,
                    unmanaged == 1 ? "y" : "ies", file);
            return Main.OK;
        } finally {
            for (int i = all.size() - 1; i >= 0; i--) all.get(i).close();
        }
    }
}

package dev.steward.cli;

import dev.steward.alignment.AlignmentCheck;
import dev.steward.alignment.AlignmentScan;
import dev.steward.alignment.Finding;
import dev.steward.alignment.Observation;
import dev.steward.alignment.PlatformSettings;
import dev.steward.alignment.PlatformSource;
import dev.steward.alignment.sources.Sources;
import dev.steward.catalog.Catalog;
import dev.steward.json.Json;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code steward align}: one scan of the configured platform sources against the catalog. */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = {"Compares the manifests with the live platform (the sources under platform: in steward.yaml)",
                "and prints the findings: unmanaged, missing and drift.",
                "Exit 0 with no findings, 1 with findings, 2 when a source cannot be reached (it is named on stderr;",
                "the other sources' findings are still printed) or on usage errors."})
final class AlignCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Option(names = "--json", description = "Print {findings, sources} as JSON.")
    boolean json;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlatformSettings settings = main.platformSources("align");
        Catalog catalog = source.load(false);
        if (!SourceOptions.requireValid(catalog, err)) return Main.FINDINGS;
        List<PlatformSource> sources = Sources.connect(settings, main.environment);
        List<Observation> observations;
        try {
            observations = AlignmentScan.observe(sources, settings.timeout(), Clock.systemUTC());
        } finally {
            for (int i = sources.size() - 1; i >= 0; i--) sources.get(i).close();
        }
        List<Finding> findings = AlignmentCheck.check(catalog, observations).findings();
        boolean down = false;
        for (Observation o : observations) {
            if (!o.available()) {
                down = true;
                err.println("steward: source " + o.source() + " cannot be read: " + o.error());
            }
        }
        if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("findings", findings);
            answer.put("sources", observations.stream().map(o -> Map.of("source", o.source(), "at", o.at().toString(),
                    "available", o.available(), "assets", o.assets() == null ? 0 : o.assets().size())).toList());
            out.println(Json.pretty(answer));
        } else {
            for (Finding f : findings) out.println(line(f));
            out.printf("%d finding%s from %d source%s%n", findings.size(), findings.size() == 1 ? "" : "s",
                    observations.size(), observations.size() == 1 ? "" : "s");
        }
        out.flush();
        return down ? Main.USAGE_OR_IO : findings.isEmpty() ? Main.OK : Main.FINDINGS;
    }

    private static String line(Finding f) {
        String what = switch (f.kind()) {
            case UNMANAGED -> f.asset() + " is live but no entity describes it";
            case MISSING -> f.entity() + " (" + f.asset() + ") is declared but not live";
            case DRIFT -> f.entity() + " " + f.field() + ": declared " + f.declared() + ", live " + f.actual();
        };
        return String.format("%-9s %s [%s]%s", f.kind().label(), what, f.source(), f.owner() == null ? "" : " owner " + f.owner());
    }
}

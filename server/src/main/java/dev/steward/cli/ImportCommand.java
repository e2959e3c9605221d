package dev.steward.cli;

import dev.steward.alignment.AlignmentCheck;
import dev.steward.alignment.AlignmentScan;
import dev.steward.alignment.Finding;
import dev.steward.alignment.Importer;
import dev.steward.alignment.Observation;
import dev.steward.alignment.PlatformSettings;
import dev.steward.alignment.PlatformSource;
import dev.steward.alignment.sources.Sources;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Imported;
import dev.steward.git.BranchCommit;
import dev.steward.git.CatalogRepository;
import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
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
                "as needing an owner. With --branch NAME the file is not written but committed on a new branch NAME",
                "of the catalog repository, on top of --ref, ready for a pull request; the working tree, the index",
                "and HEAD are left alone. Exit 0 when written or committed (or nothing to import), 2 when the source",
                "cannot be read or the branch cannot be made."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Option(names = "--source", required = true, paramLabel = "NAME",
            description = "The source: its name as align prints it (kafka:resource:default/kafka-prod-eu1), or its kind when only one has it.")
    String name;

    @Option(names = "--out", defaultValue = "catalog-yaml/imported", paramLabel = "DIR",
            description = "Where the file goes (default: ${DEFAULT-VALUE}); with --branch, a folder relative to the repository root.")
    Path out;

    @Option(names = "--branch", paramLabel = "NAME",
            description = "Commit the file on a new branch NAME of the local catalog repository (parent: --ref) instead of writing it.")
    String branch;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** Where a --branch commit goes: the repository, the commit it builds on, the folder of the file in it. */
    private record Target(CatalogRepository repository, ObjectId base, String folder) {
    }

    @Override
    public Integer call() throws Exception {
        PlatformSettings settings = main.platformSources("import");
        if (branch == null) return importFrom(settings, null);
        PrintWriter err = spec.commandLine().getErr();
        String refused = refusal();
        if (refused != null) {
            err.println("steward: " + refused);
            return Main.USAGE_OR_IO;
        }
        try (CatalogRepository repository = source.openRepository(); var lease = repository.lease()) {
            // Refused before any source is read: a name taken is known without the platform.
            BranchCommit.requireNew(lease.repository(), branch);
            return importFrom(settings, new Target(repository, repository.resolve(source.ref), folder()));
        }
    }

    /** Why --branch cannot work with the other options, or null when it can. */
    private String refusal() {
        if (source.dir != null) return "--branch commits to a Git repository; --dir reads a folder that is not one";
        if (CatalogRepository.isUrl(source.repo)) {
            return "--branch needs a local repository: " + source.repo + " would be cloned into a cache no one works in;"
                    + " run import --branch in a clone and push the branch from there instead";
        }
        try {
            BranchCommit.refName(branch);
        } catch (IllegalArgumentException e) {
            return "--branch: " + e.getMessage();
        }
        if (out.isAbsolute()) return "--out " + out + ": with --branch it must be a folder relative to the repository root";
        if (out.normalize().startsWith("..")) return "--out " + out + " leaves the repository; with --branch it must stay inside it";
        return null;
    }

    /** --out as a slash-separated folder from the repository root ("" for the root itself). */
    private String folder() {
        return out.normalize().toString().replace(File.separatorChar, '/');
    }

    private int importFrom(PlatformSettings settings, Target target) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<PlatformSource> all = Sources.connect(settings, main.environment);
        try {
            List<PlatformSource> chosen = all.stream().filter(s -> s.name().equals(name)).toList();
            if (chosen.isEmpty()) chosen = all.stream().filter(s -> s.name().startsWith(name + ":")).toList();
            if (chosen.size() != 1) {
                err.println("steward: --source " + name + " names " + (chosen.isEmpty() ? "no" : "more than one")
                        + " configured source; they are: " + all.stream().map(PlatformSource::name).toList());
                return Main.USAGE_OR_IO;
            }
            // With --branch the catalog is read at the very commit the branch builds on.
            Catalog catalog = target == null ? source.load(false) : source.load(target.repository(), target.base());
            Observation o = AlignmentScan.observe(chosen, settings.timeout(), Clock.systemUTC()).get(0);
            if (!o.available()) {
                err.println("steward: source " + o.source() + " cannot be read: " + o.error());
                return Main.USAGE_OR_IO;
            }
            var findings = AlignmentCheck.check(catalog, List.of(o)).findings();
            long unmanaged = findings.stream().filter(f -> f.kind() == Finding.Kind.UNMANAGED).count();
            if (unmanaged == 0) {
                spec.commandLine().getOut().println("nothing to import: every asset of " + o.source() + " is described");
                return Main.OK;
            }
            String fileName = Importer.name(o.source()) + ".yaml";
            String yaml = Importer.manifests(o.source(), o.assets(), findings);
            String entities = unmanaged + " entit" + (unmanaged == 1 ? "y" : "ies");
            if (target == null) {
                Path file = Files.createDirectories(out).resolve(fileName);
                Files.writeString(file, yaml);
                spec.commandLine().getOut().printf("wrote %s to %s: set each spec.owner%n", entities, file);
                return Main.OK;
            }
            String path = target.folder().isEmpty() ? fileName : target.folder() + "/" + fileName;
            String message = "Import " + unmanaged + " unmanaged asset" + (unmanaged == 1 ? "" : "s") + " from " + o.source()
                    + "\n\nEach spec.owner is " + Imported.NEEDS_OWNER + " and must be set to the real owner before"
                    + " merging: steward check reports every one until it is.\n";
            ObjectId commit;
            try (var lease = target.repository().lease()) {
                Repository git = lease.repository();
                commit = BranchCommit.create(git, target.base(), branch, path, yaml.getBytes(StandardCharsets.UTF_8),
                        message, BranchCommit.identity(git));
            }
            spec.commandLine().getOut().printf("committed %s to branch %s (%s) as %s: set each spec.owner, then open a pull request%n",
                    entities, branch, commit.abbreviate(7).name(), path);
            return Main.OK;
        } finally {
            for (int i = all.size() - 1; i >= 0; i--) all.get(i).close();
        }
    }
}

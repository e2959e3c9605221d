package dev.steward.cli;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.model.Problem;
import dev.steward.codeowners.CodeOwners;
import dev.steward.codeowners.Provider;
import dev.steward.git.CatalogRepository;
import dev.steward.git.GitReadException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.ObjectId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steward codeowners}: CODEOWNERS for the catalog repository, from the catalog itself. */
@Command(name = "codeowners", mixinStandardHelpOptions = true,
        description = {"Generate CODEOWNERS: each manifest maps to the owners of what it holds, each runbook to its owner.",
                "Handles come from the github.com/team-slug and github.com/user-login annotations (GitLab:",
                "gitlab.com/group-path and gitlab.com/user-login). Prints to stdout unless --output is given.",
                "Exit 0 fine; 1 when a handle is missing or invalid, or with --check when the committed file is stale."})
final class CodeownersCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Option(names = "--provider", defaultValue = "github", paramLabel = "github|gitlab",
            description = "Code host (default: ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the file here instead of printing it.")
    Path output;

    @Option(names = "--check", description = "Compare with the file committed at --ref (the provider's usual path, "
            + "or --file) and exit 1 when it is stale.")
    boolean check;

    @Option(names = "--file", paramLabel = "PATH", description = "Repository path of the committed CODEOWNERS for --check.")
    String file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Provider host = Provider.parse(provider);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (CatalogRepository repository = source.openRepository()) {
            ObjectId commit = repository.resolve(source.ref);
            Catalog catalog = GitReadException.unwrapping(() -> new ManifestLoader().load(repository.read(commit,
                    source.catalogPath, source.runbooksPath, source.limits().maxFileBytes())));
            if (!SourceOptions.requireValid(catalog, err)) return Main.FINDINGS;
            CodeOwners.Result result = CodeOwners.generate(catalog, host);
            result.problems().forEach(p -> err.println(p.format()));
            if (check) {
                String path = file != null ? file : host.defaultPath();
                byte[] committed = repository.readFile(commit, path);
                if (committed == null || !new String(committed, StandardCharsets.UTF_8).equals(result.content())) {
                    err.println("steward: " + path + " is " + (committed == null ? "missing" : "stale")
                            + "; regenerate it with: steward codeowners --provider " + provider + " --output " + path);
                    return Main.FINDINGS;
                }
                out.println(path + " is up to date");
            } else if (output != null) {
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.writeString(output, result.content(), StandardCharsets.UTF_8);
            } else {
                out.print(result.content());
            }
            out.flush();
            return result.problems().isEmpty() ? Main.OK : Main.FINDINGS;
        }
    }
}

package dev.steward.cli;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.load.yaml.YamlLimits;
import dev.steward.git.CatalogRepository;
import dev.steward.git.GitReadException;
import dev.steward.git.WorktreeSource;
import dev.steward.plugins.PluginHost;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jgit.lib.ObjectId;
import picocli.CommandLine.Option;

/** Where the catalog comes from; shared by every command that reads one. */
final class SourceOptions {
    @Option(names = "--repo", defaultValue = ".", paramLabel = "PATH|URL",
            description = "Git repository holding the catalog: a folder inside one, or a URL to clone (default: ${DEFAULT-VALUE}).")
    String repo;

    @Option(names = "--ref", defaultValue = "HEAD", paramLabel = "REF",
            description = "Branch, tag or commit to read (default: ${DEFAULT-VALUE}).")
    String ref;

    @Option(names = "--catalog-path", defaultValue = "catalog-yaml", paramLabel = "DIR",
            description = "Folder of the YAML manifests, relative to the repository root (default: ${DEFAULT-VALUE}).")
    String catalogPath;

    @Option(names = "--runbooks-path", defaultValue = "runbooks", paramLabel = "DIR",
            description = "Folder of the Markdown runbooks, relative to the repository root (default: ${DEFAULT-VALUE}).")
    String runbooksPath;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Read a folder on disk instead of Git: every YAML under DIR is a manifest, runbooks come from DIR/--runbooks-path.")
    Path dir;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load plugins from the jars in DIR, besides the built-in ones.")
    Path pluginsDir;

    private PluginHost plugins;

    /** The built-in plugins and those of {@code --plugins}, loaded once. */
    PluginHost plugins() throws IOException {
        if (plugins == null) plugins = PluginHost.load(pluginsDir);
        return plugins;
    }

    /** A loader that runs the plugins' validators. */
    ManifestLoader loader(int runbookMaxAgeDays) throws IOException {
        return new ManifestLoader(limits(), Clock.systemUTC(), runbookMaxAgeDays, plugins().validation());
    }

    @Option(names = "--cache-dir", defaultValue = ".steward/repos", paramLabel = "DIR",
            description = "Where repositories given by URL are cloned (default: ${DEFAULT-VALUE}).")
    Path cacheDir;

    /** False, after saying so, when the catalog does not validate: answers from it could be wrong. */
    static boolean requireValid(Catalog catalog, PrintWriter err) {
        if (catalog.isValid()) return true;
        err.printf("steward: the catalog at %s does not validate (%d errors); run 'steward check'%n",
                catalog.commit(), catalog.errors().size());
        return false;
    }

    YamlLimits limits() {
        return YamlLimits.DEFAULT;
    }

    CatalogRepository openRepository() throws IOException {
        return CatalogRepository.open(repo, cacheDir);
    }

    /** Loads the catalog at {@code --ref}, or from the files on disk when {@code worktree} is set. */
    Catalog load(boolean worktree) throws IOException {
        ManifestLoader loader = loader(ManifestLoader.DEFAULT_RUNBOOK_MAX_AGE_DAYS);
        if (dir != null) {
            if (!Files.isDirectory(dir)) throw new FileNotFoundException("--dir " + dir + ": no such folder");
            return loader.load(WorktreeSource.read(dir.toAbsolutePath().normalize(), "", runbooksPath,
                    limits().maxFileBytes()));
        }
        if (worktree) {
            try (CatalogRepository repository = openRepository(); var lease = repository.lease()) {
                Path root = lease.repository().isBare() ? Path.of(repo) : lease.repository().getWorkTree().toPath();
                return loader.load(WorktreeSource.read(root, catalogPath, runbooksPath, limits().maxFileBytes()));
            }
        }
        try (CatalogRepository repository = openRepository()) {
            return load(repository, repository.resolve(ref));
        }
    }

    /** Loads the catalog at {@code commit} of a repository already open, so a caller can use the same commit after. */
    Catalog load(CatalogRepository repository, ObjectId commit) throws IOException {
        ManifestLoader loader = loader(ManifestLoader.DEFAULT_RUNBOOK_MAX_AGE_DAYS);
        // A Git read fault is an I/O error (exit 2), never a manifest problem blamed on its author.
        return GitReadException.unwrapping(() -> loader.load(repository.read(commit, catalogPath, runbooksPath,
                limits().maxFileBytes())));
    }
}

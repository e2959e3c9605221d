package dev.steward.plugins;

import dev.steward.plugin.StewardPlugin;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Finds plugins: the built-in ones on the class path and those in the jars of a folder, each jar in a
 * class loader of its own. A plugin that cannot load, asks for a newer SPI, repeats a name or fails
 * to start is left out with a problem saying why; the others load.
 */
record PluginDiscovery(List<PluginHost.Loaded> loaded, List<String> problems) {

    /** The built-ins, and the plugins in the jars of {@code dir} (may be null). */
    static PluginDiscovery find(Path dir, Map<String, String> environment) throws IOException {
        List<PluginHost.Loaded> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ClassLoader own = PluginHost.class.getClassLoader();
        discover(ServiceLoader.load(StewardPlugin.class, own), own, "built-in", loaded, problems, environment);
        if (dir != null) {
            if (!Files.isDirectory(dir)) throw new FileNotFoundException("--plugins " + dir + ": no such folder");
            List<Path> jars;
            try (Stream<Path> files = Files.list(dir)) {
                jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            }
            for (Path jar : jars) {
                URLClassLoader loader = new URLClassLoader(new URL[] {url(jar)}, own);
                discover(ServiceLoader.load(StewardPlugin.class, loader), loader, jar.getFileName().toString(), loaded,
                        problems, environment);
            }
        }
        return new PluginDiscovery(List.copyOf(loaded), List.copyOf(problems));
    }

    private static void discover(ServiceLoader<StewardPlugin> services, ClassLoader loader, String origin,
                                 List<PluginHost.Loaded> loaded, List<String> problems, Map<String, String> environment) {
        Set<String> names = new HashSet<>();
        loaded.forEach(l -> names.add(l.name()));
        var it = services.stream().iterator();
        while (true) {
            ServiceLoader.Provider<StewardPlugin> provider;
            try {
                if (!it.hasNext()) break;
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(origin + ": cannot load a plugin: " + e.getMessage());
                continue;
            }
            if (provider.type().getClassLoader() != loader) continue; // found through the parent: not this jar's
            StewardPlugin plugin;
            try {
                plugin = provider.get();
                String name = plugin.name();
                if (name == null || name.isBlank()) throw new IllegalStateException("its name() is empty");
                if (plugin.spiVersion() > StewardPlugin.SPI_VERSION) {
                    problems.add(origin + ": plugin " + name + " needs SPI version " + plugin.spiVersion()
                            + "; this Steward implements " + StewardPlugin.SPI_VERSION + ". Not loaded.");
                    continue;
                }
                if (!names.add(name)) {
                    problems.add(origin + ": a plugin named " + name + " is already loaded. Not loaded again.");
                    continue;
                }
                plugin.configure(new PluginSettings(name, environment));
            } catch (RuntimeException | LinkageError e) {
                problems.add(origin + ": plugin " + provider.type().getName() + " failed to start: " + describe(e));
                continue;
            }
            loaded.add(new PluginHost.Loaded(plugin, origin, new AtomicLong(), new AtomicReference<>()));
        }
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package dev.steward.plugins;

import dev.steward.catalog.load.EntityValidation;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.SourceLocation;
import dev.steward.plan.ChangeClassifiers;
import dev.steward.plugin.ChangeClassifier;
import dev.steward.plugin.EntityChange;
import dev.steward.plugin.EntityValidator;
import dev.steward.plugin.Event;
import dev.steward.plugin.Notifier;
import dev.steward.plugin.StewardPlugin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded plugins, and the one place that calls them. Every call is isolated: an exception (or a
 * linkage error from a plugin built against other libraries) is caught, counted, logged with the
 * plugin's name and reported where it matters (a validator's failure is a warning on the entity, a
 * classifier's a note in the plan), and Steward goes on without that plugin's answer.
 *
 * <p>Built-in plugins come from Steward's own class path; each jar of the plugins folder gets its own
 * class loader, whose parent is Steward's, so a plugin sees the SPI and nothing of another plugin.
 */
public final class PluginHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    /** A plugin as loaded: where it came from and how often it has failed. */
    public record Loaded(StewardPlugin plugin, String origin, AtomicLong failures,
                         AtomicReference<String> lastFailure) {
        public String name() {
            return plugin.name();
        }

        public List<String> extensionPoints() {
            List<String> out = new ArrayList<>();
            if (plugin instanceof ChangeClassifier) out.add("ChangeClassifier");
            if (plugin instanceof EntityValidator) out.add("EntityValidator");
            if (plugin instanceof Notifier) out.add("Notifier");
            return out;
        }
    }

    public static final PluginHost NONE = new PluginHost(List.of(), List.of());

    private final List<Loaded> plugins;
    private final List<String> loadProblems;
    private final ExecutorService notifications;

    private PluginHost(List<Loaded> plugins, List<String> loadProblems) {
        this.plugins = List.copyOf(plugins);
        this.loadProblems = List.copyOf(loadProblems);
        this.notifications = hasNotifiers()
                ? Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "steward-notify");
                    t.setDaemon(true);
                    return t;
                }) : null;
    }

    /** A host of the given plugins, configured with {@code environment}: for tests and embedding. */
    static PluginHost of(Map<String, String> environment, StewardPlugin... plugins) {
        List<Loaded> loaded = new ArrayList<>();
        for (StewardPlugin p : plugins) {
            p.configure(new PluginSettings(p.name(), environment));
            loaded.add(new Loaded(p, "given", new AtomicLong(), new AtomicReference<>()));
        }
        return new PluginHost(loaded, List.of());
    }

    /** The built-ins, and the plugins in the jars of {@code dir} (may be null). */
    public static PluginHost load(Path dir) throws IOException {
        return load(dir, System.getenv());
    }

    static PluginHost load(Path dir, Map<String, String> environment) throws IOException {
        PluginDiscovery found = PluginDiscovery.find(dir, environment);
        found.problems().forEach(p -> LOG.warn("plugins: {}", p));
        found.loaded().forEach(p -> LOG.debug("plugin {} ({}) from {}", p.name(), String.join(", ", p.extensionPoints()),
                p.origin()));
        return new PluginHost(found.loaded(), found.problems());
    }

    public List<Loaded> plugins() {
        return plugins;
    }

    /** Plugins that could not be loaded, each with the reason. */
    public List<String> loadProblems() {
        return loadProblems;
    }

    /** Every validator's findings for an entity, as problems at the lines of the fields they name. */
    public EntityValidation validation() {
        List<Loaded> validators = plugins.stream().filter(p -> p.plugin() instanceof EntityValidator).toList();
        if (validators.isEmpty()) return EntityValidation.NONE;
        return (entity, lineOf) -> validate(validators, entity, lineOf);
    }

    private List<Problem> validate(List<Loaded> validators, Entity entity, ToIntFunction<String> lineOf) {
        List<Problem> out = new ArrayList<>();
        String path = entity.source().path();
        EntityValidator.EntityDocument document = new EntityValidator.EntityDocument(entity.ref().toString(),
                entity.kind(), entity.document(), path, entity.source().line());
        for (Loaded v : validators) {
            try {
                List<EntityValidator.Finding> findings = ((EntityValidator) v.plugin()).validate(document);
                if (findings == null) continue;
                for (EntityValidator.Finding f : findings) {
                    int line = f.field() == null || f.field().isBlank() ? entity.source().line() : lineOf.applyAsInt(f.field());
                    String message = f.message() + " [" + v.name() + "]";
                    out.add(f.error() ? Problem.error(path, line, message)
                            : Problem.warning(new SourceLocation(path, line), message));
                }
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                failed(v, "validating " + entity.ref(), e);
                out.add(Problem.warning(entity.source(), "plugin " + v.name() + " failed on this entity: " + PluginDiscovery.describe(e)));
            }
        }
        return out;
    }

    /** What the classifiers make of a change, in load order; a failing one leaves the set as it was. */
    public Classification classify(EntityChange change) {
        Set<String> current = new LinkedHashSet<>(change.detected());
        List<String> notes = new ArrayList<>();
        for (Loaded c : plugins) {
            if (!(c.plugin() instanceof ChangeClassifier classifier)) continue;
            try {
                Set<String> next = classifier.classify(new EntityChange(change.entityRef(), change.before(), change.after(),
                        Set.copyOf(current), change.history()));
                if (next != null) current = new LinkedHashSet<>(next);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                failed(c, "classifying a change to " + change.entityRef(), e);
                notes.add("plugin " + c.name() + " failed to classify this change: " + PluginDiscovery.describe(e));
            }
        }
        return new Classification(current, notes);
    }

    /** The refined responsibilities, and what went wrong on the way. */
    public record Classification(Set<String> responsibilities, List<String> notes) {
    }

    /**
     * The classifiers as the planner uses them; {@code history} gives an entity's earlier documents
     * (newest first), read only if a classifier asks.
     */
    public ChangeClassifiers changeClassifiers(
            Function<EntityRef, List<Map<String, Object>>> history) {
        if (!hasClassifiers()) return ChangeClassifiers.NONE;
        return (before, after, detected) -> {
            Supplier<List<Map<String, Object>>> earlier = memoized(() -> history.apply(before.ref()));
            Classification c = classify(new EntityChange(before.ref().toString(), before.document(), after.document(),
                    detected, earlier));
            return new ChangeClassifiers.Refined(c.responsibilities(), c.notes());
        };
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public synchronized T get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }

    public boolean hasNotifiers() {
        return plugins.stream().anyMatch(p -> p.plugin() instanceof Notifier);
    }

    public boolean hasClassifiers() {
        return plugins.stream().anyMatch(p -> p.plugin() instanceof ChangeClassifier);
    }

    /** Tells every notifier, on a background thread; returns at once. */
    public void notify(String type, Map<String, Object> data) {
        if (notifications == null) return;
        Event event = new Event(type, Instant.now(), Map.copyOf(data));
        notifications.execute(() -> {
            for (Loaded n : plugins) {
                if (!(n.plugin() instanceof Notifier notifier)) continue;
                try {
                    notifier.notify(event);
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    failed(n, "notifying " + type, e);
                }
            }
        });
    }

    private static void failed(Loaded plugin, String doing, Throwable e) {
        plugin.failures().incrementAndGet();
        plugin.lastFailure().set(doing + ": " + PluginDiscovery.describe(e));
        LOG.warn("plugin {} failed {}", plugin.name(), doing, e);
    }


    /** Waits briefly for pending notifications, then closes plugins that hold resources. */
    @Override
    public void close() {
        if (notifications != null) {
            notifications.shutdown();
            try {
                notifications.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Loaded p : plugins) {
            if (p.plugin() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception | LinkageError e) {
                    LOG.warn("plugin {} failed to close", p.name(), e);
                }
            }
        }
    }
}
